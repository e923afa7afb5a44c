package autobench.cli;

import autobench.ops.Manifest;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Writes the open data (tasks, submissions, render checks, anonymised votes, rating snapshots, models, "
                        + "artifacts) as JSONL plus a manifest with checksums; the layout is described in docs/data.md.")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "a new or empty directory")
    Path out;

    @Option(names = "--from", paramLabel = "D", description = "first arena day to include (YYYY-MM-DD)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "last arena day to include (YYYY-MM-DD)")
    LocalDate to;

    @Override
    public Integer call() throws Exception {
        try (Assembly arena = Assembly.assemble(Assembly.TOOL, config.load(false))) {
            Manifest m = arena.storage().newExporter(App.VERSION).export(out, from, to);
            m.files().stream()
                    .filter(e -> e.rows() != null)
                    .forEach(e -> System.out.printf("  %-24s %8d rows%n", e.path(), e.rows()));
            long artifacts = m.files().stream().filter(e -> e.rows() == null).count();
            System.out.printf("  %-24s %8d files%n", "artifacts/", artifacts);
            System.out.println("exported to " + out + " (schema " + m.schemaVersion()
                    + "); check it with: autobench import --verify-only " + out);
            return 0;
        }
    }
}
