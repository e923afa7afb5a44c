package autobench.cli;

import autobench.db.Database;
import autobench.ops.Backup;
import autobench.wiring.Storage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description =
                "Writes a consistent copy of a SQLite arena (every table, artifacts included) to a new file, while it keeps running. "
                        + "Restore: stop AutoBench and put the copy in the configured database's place. For PostgreSQL use pg_dump.")
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "the copy to write; must not exist yet")
    Path out;

    @Override
    public Integer call() {
        try (Database db = Storage.openDatabase(config.load(false), System::getenv)) {
            Backup.Written w = Backup.sqlite(db, out);
            spec.commandLine()
                    .getOut()
                    .printf("backed up %s to %s (%.1f MB)%n", db.describe(), w.file(), w.bytes() / 1e6);
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("autobench backup: " + e.getMessage());
            return 2;
        }
    }
}
