package autobench.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The fallback of {@code bench/load.sh} where Debian's PostgreSQL server package is missing: the
 * embedded PostgreSQL the tests use, on a given port, with an empty database {@code autobench}
 * owned by user {@code postgres}. Prints {@code ready} and runs until killed.
 *
 * <pre>EmbeddedPostgresServer PORT DATA_DIR</pre>
 */
public final class EmbeddedPostgresServer {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedPostgresServer PORT DATA_DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(Integer.parseInt(args[0]))
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE autobench");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }
}
