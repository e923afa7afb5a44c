package autobench.cli;

import autobench.config.Config;
import autobench.db.Database;
import autobench.ops.Importer;
import autobench.ops.Manifest;
import autobench.wiring.Storage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Loads an export into a new, empty database after checking every file against the manifest.")
public final class ImportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "DIR", description = "a directory written by `autobench export`")
    Path dir;

    @Option(
            names = "--verify-only",
            description = "check the files against the manifest and stop; no database is opened")
    boolean verifyOnly;

    @Override
    public Integer call() {
        // Checked before the database is even opened: a damaged export writes nothing anywhere.
        Manifest m = Importer.verify(dir);
        System.out.println(dir + ": " + m.files().size() + " files match the manifest (exported " + m.exportedAt()
                + " by AutoBench " + m.autobenchVersion() + ", schema " + m.schemaVersion() + ")");
        if (verifyOnly) return 0;
        Config c = config.load(false);
        try (Database db = Storage.openDatabase(c, System::getenv)) {
            Importer.Result r = Storage.newImporter(db).load(dir, m);
            r.rows().forEach((file, n) -> System.out.printf("  %-24s %8d rows%n", file, n));
            System.out.println("imported into " + db.describe());
            return 0;
        }
    }
}
