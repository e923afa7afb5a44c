package autobench.ops;

import autobench.db.Database;
import autobench.db.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consistent copy of a SQLite arena, taken while it runs: SQLite's {@code VACUUM INTO} reads one
 * snapshot of the database (every table, artifacts included, since they live in it) and writes
 * a compact new file; writers go on meanwhile. PostgreSQL has its own tools, so it is refused
 * with the command to use instead.
 */
public final class Backup {
    private Backup() {}

    /** What was written. */
    public record Written(Path file, long bytes) {}

    public static Written sqlite(Database db, Path out) {
        if (db.dialect() != Dialect.SQLITE) {
            throw new IllegalArgumentException(
                    "backup copies SQLite databases; for PostgreSQL use its own tools, e.g. "
                            + "pg_dump --format=custom --file=arena.dump DBNAME (restore with pg_restore), or continuous archiving: see docs/operations.md, \"Backups\"");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target))
            throw new IllegalArgumentException(target + " already exists; backup never overwrites a file");
        Path parent = target.getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent, e);
        }
        db.jdbi()
                .useHandle(h -> h.createUpdate("VACUUM INTO :file")
                        .bind("file", target.toString())
                        .execute());
        try {
            return new Written(target, Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
