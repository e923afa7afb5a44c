package autobench.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crash test's database where Debian's PostgreSQL package is missing: an embedded PostgreSQL
 * server (the one the test suite uses), its port written to a file, running until the process is
 * stopped. User {@code postgres}, no password, loopback only.
 *
 * <pre>ChaosPostgres DATA_DIR PORT_FILE</pre>
 */
public final class ChaosPostgres {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ChaosPostgres DATA_DIR PORT_FILE");
            System.exit(2);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "300")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        Files.writeString(Path.of(args[1]), Integer.toString(pg.getPort()));
        System.err.println("embedded PostgreSQL on port " + pg.getPort());
        Thread.currentThread().join();
    }
}
