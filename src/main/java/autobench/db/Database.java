package autobench.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The data source, migrations and the JDBI handle. SQLite runs in WAL mode with a busy timeout,
 * and every transaction begins IMMEDIATE so that several processes on one file wait for the
 * write lock instead of failing half-way through a read-then-write.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String url;

    private Database(HikariDataSource dataSource, Dialect dialect, String url) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.url = url;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Connections kept at most by default: SQLite has one writer at a time, so a few readers beside it suffice. */
    public static final int SQLITE_POOL = 4;
    /**
     * PostgreSQL's default: a vote's transaction holds its connection for a few milliseconds, so at 200 votes a
     * second about one is busy on average, and 10 leave room for bursts, renders and a worker without
     * taking much of the server's {@code max_connections} (100 by default) per process.
     */
    public static final int POSTGRES_POOL = 10;

    /** Opens the database and brings its schema up to date, with the default pool size. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, null);
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @param poolSize connections kept at most ({@code database_pool_size}), or null for {@link #SQLITE_POOL} /
     *                 {@link #POSTGRES_POOL}
     */
    public static Database open(String jdbcUrl, String user, String password, Integer poolSize) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("autobench-" + dialect.name().toLowerCase());
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(jdbcUrl);
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            sc.enforceForeignKeys(true);
            sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource sds = new SQLiteDataSource(sc);
            sds.setUrl(jdbcUrl);
            hc.setDataSource(sds);
            hc.setMaximumPoolSize(poolSize == null ? SQLITE_POOL : poolSize);
        } else {
            hc.setJdbcUrl(jdbcUrl);
            if (user != null) hc.setUsername(user);
            if (password != null) hc.setPassword(password);
            hc.setMaximumPoolSize(poolSize == null ? POSTGRES_POOL : poolSize);
        }
        hc.setMinimumIdle(1);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot open database " + Dialect.redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        try {
            migrate(ds, dialect);
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException(
                    "cannot migrate database " + Dialect.redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        return new Database(ds, dialect, jdbcUrl);
    }

    /**
     * Shared SQL lives in db/migration; the few statements that must differ (the seed's
     * todays_tasks view says "now") live in db/vendor/sqlite and db/vendor/postgresql.
     */
    private static void migrate(DataSource ds, Dialect dialect) {
        Flyway flyway = flyway(ds, dialect);
        // A database migrated by a newer AutoBench holds tables and rules this one does not know: refuse, do not guess.
        Optional<MigrationInfo> future = Arrays.stream(flyway.info().all())
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS)
                .reduce((a, b) -> b);
        if (future.isPresent()) {
            throw new IllegalStateException(
                    "the database schema is at version " + future.get().getVersion() + " (\""
                            + future.get().getDescription()
                            + "\"), newer than this AutoBench knows; run the AutoBench version that migrated it, or a newer one (docs/operations.md, \"Upgrades\")");
        }
        flyway.migrate();
    }

    private static Flyway flyway(DataSource ds, Dialect dialect) {
        return Flyway.configure()
                .dataSource(ds)
                .locations(
                        "classpath:db/migration",
                        "classpath:db/vendor/" + (dialect == Dialect.SQLITE ? "sqlite" : "postgresql"))
                .loggers("slf4j")
                .load();
    }

    private static void createParentDirectory(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) file = file.substring(0, q);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return;
        Path parent = Paths.get(file).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot create directory " + parent + " for the database: " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Publishes the pool's figures (HikariCP's own meters: {@code hikaricp_connections_acquire_seconds},
     * {@code _usage_seconds}, {@code _pending}, {@code _active}, …) in {@code registry}. Once per pool.
     */
    public void publishPoolMetrics(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    /** The most connections this database's pool keeps open. */
    public int poolSize() {
        return dataSource.getMaximumPoolSize();
    }

    /** The version of the newest migration applied, e.g. "4". */
    public String schemaVersion() {
        var current = flyway(dataSource, dialect).info().current();
        return current == null ? "0" : current.getVersion().getVersion();
    }

    /**
     * Runs a query and hands each row to the sink as column → value, one at a time, so a table of
     * any size passes through in constant memory. The SQL is the caller's (a table owner's). On
     * PostgreSQL the query runs in a transaction with a fetch size: outside one, the driver would
     * read every row before returning the first.
     */
    public void streamRows(String sql, Map<String, ?> binds, Consumer<Map<String, Object>> sink) {
        streamRows(sql, binds, 200, sink);
    }

    /** The same with a smaller fetch size, for rows that carry large values (artifact bytes). */
    public void streamRows(String sql, Map<String, ?> binds, int fetchSize, Consumer<Map<String, Object>> sink) {
        if (dialect == Dialect.POSTGRES) {
            jdbi.useTransaction(h -> stream(h, sql, binds, fetchSize, sink));
        } else {
            jdbi.useHandle(h -> stream(h, sql, binds, fetchSize, sink));
        }
    }

    private static void stream(
            Handle h, String sql, Map<String, ?> binds, int fetchSize, Consumer<Map<String, Object>> sink) {
        Query q = h.createQuery(sql).setFetchSize(fetchSize);
        binds.forEach(q::bind);
        q.map((rs, ctx) -> {
                    var meta = rs.getMetaData();
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++)
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    return row;
                })
                .useStream(rows -> rows.forEach(sink));
    }

    /**
     * Inserts rows with one statement (the caller's, with a named parameter per column) in one
     * transaction: all of them or none. A column missing from a row is bound as NULL.
     *
     * @return the number of rows inserted
     */
    public long insertRows(String sql, List<String> columns, Iterator<Map<String, Object>> rows) {
        return jdbi.inTransaction(h -> {
            long n = 0;
            while (rows.hasNext()) {
                Map<String, Object> row = rows.next();
                Update u = h.createUpdate(sql);
                for (String c : columns) u.bind(c, row.get(c));
                n += u.execute();
            }
            return n;
        });
    }

    /**
     * Runs a write transaction. On SQLite, one at a time per process, in arrival order: they queue on a
     * fair lock here instead of in SQLite's busy handler, which retries with sleeps of up to 100 ms and
     * under many concurrent votes turned a 1 ms write into hundreds of milliseconds. (Other processes on
     * the same file still meet the busy handler; a web process is usually the only busy writer.) On
     * PostgreSQL writes run side by side, the server locks rows.
     */
    public <R, X extends Exception> R inWriteTransaction(HandleCallback<R, X> callback) throws X {
        if (dialect != Dialect.SQLITE) return jdbi.inTransaction(callback);
        writer.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            writer.unlock();
        }
    }

    private final ReentrantLock writer = new ReentrantLock(true);

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL with credentials removed, safe to print. */
    public String describe() {
        return Dialect.redact(url);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
