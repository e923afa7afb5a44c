package autobench.cli;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} on every subcommand; else AUTOBENCH_CONFIG; else ./autobench.yaml; else the demo defaults. */
public final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Config file (default: $AUTOBENCH_CONFIG, else ./autobench.yaml, else built-in demo settings).")
    Path file;

    public Path resolve() {
        if (file != null) return file;
        String env = System.getenv("AUTOBENCH_CONFIG");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path local = Path.of("autobench.yaml");
        return Files.isRegularFile(local) ? local : null;
    }

    public Config load(boolean requireKeys) {
        Path f = resolve();
        if (f == null)
            System.err.println(
                    "autobench: no autobench.yaml found; using the built-in demo configuration (demo models, SQLite under data/)");
        return new ConfigLoader(System.getenv()).load(f, requireKeys);
    }
}
