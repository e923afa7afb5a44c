package autobench.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the operating system's packages (Debian's
 * {@code /usr/lib/postgresql/<version>/bin}), started once per test JVM in a temporary directory,
 * on a free port, with trust authentication on localhost. Unlike the embedded server, tests here
 * choose who they connect as, so permissions are really checked: {@code postgres} is the
 * superuser, every other role is an ordinary one.
 *
 * <p>Without the binaries the tests that need it are skipped, loudly; with {@code CI=true} they fail
 * instead (CI installs the {@code postgresql} package, see .ci/run).
 */
public final class DebianPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static DebianPostgres instance;

    private final Path bin;
    private final Path data;
    private final int port;
    private final List<String> asPostgres;

    private DebianPostgres(Path bin, Path data, int port, List<String> asPostgres) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The running cluster; skips the calling test (fails it under CI=true) when PostgreSQL is not installed. */
    public static synchronized DebianPostgres get() {
        if (instance == null) {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                String why = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: "
                        + "the tests against a real PostgreSQL server are SKIPPED (apt-get install postgresql)";
                if ("true".equals(System.getenv("CI")))
                    throw new IllegalStateException(why + "; CI=true, so this fails instead");
                System.err.println("\n*** " + why + " ***\n");
                assumeTrue(false, why);
            }
            instance = start(bin.get());
        }
        return instance;
    }

    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DebianPostgres start(Path bin) {
        try {
            // initdb refuses to run as root: then the cluster belongs to the postgres system user.
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> as = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
            Path dir = Files.createTempDirectory("autobench-debian-pg");
            if (root) run(List.of("chown", "postgres", dir.toString()), List.of());
            Path data = dir.resolve("data");
            int port = freePort();
            run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            "postgres",
                            "--auth=trust",
                            "-E",
                            "UTF8"),
                    as);
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            dir.resolve("server.log").toString(),
                            "-w",
                            "-o",
                            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                            "start"),
                    as);
            DebianPostgres pg = new DebianPostgres(bin, data, port, as);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a PostgreSQL cluster from " + bin, e);
        }
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "stop"), asPostgres);
        } catch (RuntimeException | IOException ignored) {
            // the JVM is exiting; the temporary directory goes with the machine's next clean-up
        }
    }

    private static void run(List<String> command, List<String> as) throws IOException {
        List<String> full = new ArrayList<>(as);
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for a database of this cluster, connecting as {@code user}. */
    public String url(String database, String user) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user;
    }

    /** Runs statements as the superuser, in the {@code postgres} database. */
    public void asSuperuser(String... sql) {
        try (Connection c = DriverManager.getConnection(url("postgres", "postgres"));
                Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A fresh database owned by a fresh ordinary role (no superuser, no CREATEROLE), as an operator
     * following docs/postgres-roles.md would set it up.
     *
     * @return the owner role's name; the database has the same name
     */
    public String freshOwnedDatabase() {
        String name = "autobench_o" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        asSuperuser("CREATE ROLE " + name + " LOGIN", "CREATE DATABASE " + name + " OWNER " + name);
        return name;
    }
}
