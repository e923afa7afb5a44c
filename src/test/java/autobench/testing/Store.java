package autobench.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two stores every storage and pipeline test runs against: a SQLite file and a real
 * PostgreSQL (embedded, started once per test JVM; each test gets its own fresh database).
 */
public enum Store {
    SQLITE,
    POSTGRES;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A JDBC URL of a new, empty database of this kind. */
    public String freshUrl(Path tempDir) {
        int n = COUNTER.incrementAndGet();
        if (this == SQLITE) return "jdbc:sqlite:" + tempDir.resolve("db-" + n + ".db");
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE autobench_t" + n);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test database in embedded PostgreSQL", e);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/autobench_t" + n + "?user=postgres";
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                Path dir = Files.createTempDirectory("autobench-pg");
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting anyway
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "embedded PostgreSQL did not start; the PostgreSQL half of the suite cannot run", e);
            }
        }
        return postgres;
    }
}
