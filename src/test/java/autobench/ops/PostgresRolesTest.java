package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.DailyCycle;
import autobench.db.Database;
import autobench.dispatch.Submission;
import autobench.rating.Outcome;
import autobench.render.Checks;
import autobench.render.RenderOutput;
import autobench.render.RenderStatus;
import autobench.render.Timing;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.DebianPostgres;
import autobench.testing.TestAssembly;
import autobench.vote.Battle;
import autobench.vote.Battles;
import autobench.vote.CastResult;
import autobench.vote.VoteSettings;
import autobench.vote.VoteStore;
import autobench.web.Site;
import autobench.wiring.Assembly;
import autobench.wiring.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ops/postgres-roles-create.sql and ops/postgres-roles.sql on a real PostgreSQL server from the
 * system's packages, as docs/postgres-roles.md says to run them: the roles by the superuser, the
 * grants and Row Level Security by an ordinary schema owner. Then each user tries every table.
 */
class PostgresRolesTest {
    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    /**
     * What each user may do to each table: S select, I insert, U update, D delete, u update of
     * battles.used_at alone. Every table of the schema must be listed: a new one has to be decided.
     */
    static final Map<String, String[]> PRIVILEGES = new TreeMap<>(Map.ofEntries(
            Map.entry("models", new String[] {"S", "SIU"}),
            Map.entry("tasks", new String[] {"S", "SIU"}),
            Map.entry("submissions", new String[] {"S", "SIU"}),
            Map.entry("provider_calls", new String[] {"", "SIU"}),
            Map.entry("render_results", new String[] {"S", "SIU"}),
            Map.entry("blobs", new String[] {"S", "SIU"}),
            Map.entry("artifacts", new String[] {"S", "SIUD"}),
            Map.entry("battles", new String[] {"SIu", "S"}),
            Map.entry("votes", new String[] {"SI", "S"}),
            Map.entry("vote_tallies", new String[] {"SIU", ""}),
            Map.entry("rating_snapshots", new String[] {"S", "SIU"}),
            Map.entry("server_secrets", new String[] {"SI", ""}),
            Map.entry("stage_runs", new String[] {"S", "SIU"}),
            Map.entry("pair_counts", new String[] {"SIU", ""}),
            Map.entry("work_requests", new String[] {"SI", "SIU"}),
            Map.entry("admin_sessions", new String[] {"", ""}),
            Map.entry("audit_log", new String[] {"", ""}),
            Map.entry("model_overrides", new String[] {"S", "S"}),
            Map.entry("flyway_schema_history", new String[] {"S", "S"})));

    DebianPostgres pg;
    String owner;
    String web;
    String worker;

    @BeforeEach
    void cluster() {
        pg = DebianPostgres.get();
        owner = pg.freshOwnedDatabase();
        web = owner + "_web";
        worker = owner + "_worker";
    }

    String url(String user) {
        return pg.url(owner, user);
    }

    @Test
    void the_roles_are_created_by_the_superuser_and_granted_by_an_ordinary_schema_owner() throws Exception {
        try (Assembly a = arena(url(owner))) {
            a.pipeline().dailyCycle().run(DAY);
        }
        assertThatThrownBy(() -> runScript("ops/postgres-roles.sql", url(owner)))
                .as("the owner part before the roles exist")
                .hasMessageContaining("ops/postgres-roles-create.sql");
        assertThatThrownBy(() -> runScript("ops/postgres-roles-create.sql", url(owner)))
                .as("an ordinary owner may not create roles")
                .hasMessageContaining("permission denied to create role");
        runScript("ops/postgres-roles-create.sql", pg.url("postgres", "postgres"));
        runScript("ops/postgres-roles-create.sql", pg.url("postgres", "postgres")); // idempotent
        runScript("ops/postgres-roles.sql", url(owner));
        runScript("ops/postgres-roles.sql", url(owner)); // idempotent
        for (String role : List.of(web, worker)) {
            try (Connection c = DriverManager.getConnection(url(role));
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1))
                        .as(role + " has no powers beyond LOGIN")
                        .isFalse();
            }
        }
    }

    @Test
    void each_user_tries_every_table_and_is_allowed_exactly_its_list() throws Exception {
        install(false);
        Map<String, String> webFound = new LinkedHashMap<>(), workerFound = new LinkedHashMap<>();
        List<String> tables = tables();
        assertThat(PRIVILEGES.keySet())
                .as("every table is classified here and in ops/postgres-roles.sql")
                .containsExactlyInAnyOrderElementsOf(tables);
        for (String t : tables) {
            webFound.put(t, probe(url(web), t));
            workerFound.put(t, probe(url(worker), t));
        }
        Map<String, String> webWanted = new LinkedHashMap<>(), workerWanted = new LinkedHashMap<>();
        tables.forEach(t -> {
            webWanted.put(t, PRIVILEGES.get(t)[0]);
            workerWanted.put(t, PRIVILEGES.get(t)[1]);
        });
        assertThat(webFound).as("web user").isEqualTo(webWanted);
        assertThat(workerFound).as("worker user").isEqualTo(workerWanted);
        for (String role : List.of(web, worker)) {
            try (Connection c = DriverManager.getConnection(url(role));
                    Statement s = c.createStatement()) {
                assertDenied(s, "CREATE TABLE mine (x INTEGER)");
                assertThatThrownBy(() -> s.execute("DROP TABLE votes"))
                        .hasMessageContaining("must be owner of table votes");
                assertThatThrownBy(() -> s.execute("ALTER TABLE tasks DISABLE ROW LEVEL SECURITY"))
                        .hasMessageContaining("must be owner of table tasks");
            }
        }
    }

    @Test
    void the_web_user_sees_only_what_the_public_site_shows() throws Exception {
        Fixture f = install(true);
        try (Connection c = DriverManager.getConnection(url(web));
                Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT DISTINCT status FROM tasks")).containsExactly("published");
            assertThat(strings(s, "SELECT id FROM tasks")).containsExactlyInAnyOrderElementsOf(f.published);
            assertThat(strings(s, "SELECT id FROM submissions"))
                    .doesNotContain(f.hiddenSubmission)
                    .doesNotContainAnyElementsOf(f.unpublishedSubmissions)
                    .isNotEmpty();
            assertThat(strings(s, "SELECT submission_id FROM render_results"))
                    .doesNotContain(f.hiddenSubmission)
                    .doesNotContainAnyElementsOf(f.unpublishedSubmissions)
                    .isNotEmpty();
            assertThat(strings(s, "SELECT name FROM server_secrets")).containsExactly("voting");
            assertThat(strings(s, "SELECT id FROM todays_tasks"))
                    .as("the seed's view, read with the caller's rights")
                    .isSubsetOf(f.published);
            assertThat(strings(s, "SELECT task_id FROM submissions_per_task")).isSubsetOf(f.published);
            assertDenied(s, "SELECT * FROM provider_calls");
            assertDenied(s, "SELECT * FROM audit_log");
            assertDenied(s, "SELECT * FROM admin_sessions");
            assertThatThrownBy(() -> s.execute(
                            "INSERT INTO server_secrets (name, secret_hex, created_at) VALUES ('other2', 'ab', 0)"))
                    .hasMessageContaining("row-level security");
            assertThat(s.executeUpdate("UPDATE battles SET used_at = 1 WHERE false"))
                    .isZero();
            assertDenied(s, "UPDATE battles SET visitor = 'someone-else'");
            assertDenied(s, "UPDATE submissions SET code = 'defaced'");
            assertDenied(s, "DELETE FROM votes");
        }
        try (Connection c = DriverManager.getConnection(url(worker));
                Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT id FROM tasks"))
                    .containsAll(f.published)
                    .contains(f.unpublished);
            assertThat(strings(s, "SELECT id FROM submissions"))
                    .contains(f.hiddenSubmission)
                    .containsAll(f.unpublishedSubmissions);
            assertDenied(s, "SELECT * FROM server_secrets");
            assertDenied(s, "SELECT * FROM audit_log");
            assertDenied(s, "UPDATE votes SET outcome = 'right'");
            // a vote is the web's to cast: the worker may not even call the function that casts one
            assertDenied(
                    s,
                    "SELECT autobench_cast_vote('b', 't', 'l', 'r', 'v', 0, 1, 0, '2026-06-01', 'n', 'a', 10, 10,"
                            + " 'x', 'lm', 'rm', 'left', 0, 'lm', 'rm', 0)");
        }
    }

    @Test
    void a_web_process_serves_the_site_and_takes_votes_as_the_web_user() throws Exception {
        Fixture f = install(true);
        Config c = config(url(web));
        HttpClient http = HttpClient.newHttpClient();
        try (Assembly a = Assembly.assemble(EnumSet.of(Role.web), c);
                Site site = Serving.start(a.website(), c.web().withPorts(0, 0), "127.0.0.1")) {
            List<String> paths = new ArrayList<>(List.of(
                    "/",
                    "/archive",
                    "/leaderboard",
                    "/methodology",
                    "/readyz",
                    "/battle",
                    "/task/" + f.published.get(0),
                    "/model/demo-grid",
                    "/feed.atom",
                    "/api/v1/days",
                    "/api/v1/days/" + DAY,
                    "/api/v1/tasks/" + f.published.get(0),
                    "/api/v1/models",
                    "/api/v1/leaderboard",
                    "/api/v1/votes.jsonl",
                    "/api/v1/stats",
                    "/data"));
            for (String path : paths) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            }
            HttpResponse<String> hidden = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + site.port() + "/api/v1/submissions/" + f.hiddenSubmission))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(hidden.statusCode()).isEqualTo(404);
            HttpResponse<String> unpublished = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + "/task/" + f.unpublished))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unpublished.statusCode()).isEqualTo(404);
        }
        try (Database db = Database.open(url(web), null, null)) { // the web's own vote path: ticket, secret, tallies
            VoteStore votes = new VoteStore(db);
            Battles battles = new Battles(
                    votes,
                    VoteSettings.DEFAULTS.withMinViewTime(Duration.ZERO),
                    ZoneOffset.UTC,
                    Clock.systemUTC(),
                    new SecureRandom()); // votes at once: VoteStuffingTest covers the minimum view time
            Battle b = battles.issue("visitor-2", "address-2").orElseThrow();
            assertThat(battles.cast(b.token(), "visitor-2", Outcome.RIGHT, "address-2"))
                    .isInstanceOf(CastResult.Accepted.class);
        }
        // the whole pipeline for the next day, as the worker: a scheduler and worker process, no website
        try (Assembly a =
                TestAssembly.of(config(url(worker))).roles(Assembly.PIPELINE).build()) {
            DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY.plusDays(1));
            assertThat(a.storage().submissions().forTask(r.tasks().get(0).id())).isNotEmpty();
        }
    }

    /** What the owner set up: two published tasks, one still dispatched, one hidden answer. */
    record Fixture(
            List<String> published, String unpublished, List<String> unpublishedSubmissions, String hiddenSubmission) {}

    private Fixture install(boolean withData) throws Exception {
        Fixture f = null;
        try (Assembly a = arena(url(owner))) {
            DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY);
            if (withData) f = publish(a, r.tasks());
            a.website().battles(); // creates the 'voting' secret
            a.storage().database().jdbi().useHandle(h -> {
                h.execute("INSERT INTO server_secrets (name, secret_hex, created_at) VALUES ('other', 'ab', 0)");
                h.execute(
                        "INSERT INTO admin_sessions (id_sha256, csrf, created_at, expires_at) VALUES ('x', 'y', 0, 1)");
                h.execute(
                        "INSERT INTO audit_log (id, at, actor, action, target) VALUES ('a', 0, 'cli:test', 'hide', 's')");
            });
        }
        runScript("ops/postgres-roles-create.sql", pg.url("postgres", "postgres"));
        runScript("ops/postgres-roles.sql", url(owner));
        return f;
    }

    private static Fixture publish(Assembly a, List<StoredTask> tasks) {
        long now = System.currentTimeMillis();
        List<String> published = new ArrayList<>();
        for (StoredTask t : tasks) {
            for (Submission s : a.storage().submissions().forTask(t.id())) {
                a.storage().renders().createPending(s.id(), 1, now);
                a.storage().renders().claim(s.id(), "test", now + 60_000, now);
                a.storage()
                        .renders()
                        .complete(
                                s.id(),
                                "test",
                                new RenderOutput(
                                        RenderStatus.OK,
                                        null,
                                        new Checks(true, true, true, false, 0.5, 0.1, 0),
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        new Timing(1L, 2L, 3L),
                                        List.of()),
                                now);
            }
            if (t.slot() < 2) {
                a.storage().tasks().advance(t.id(), TaskStatus.DISPATCHED, TaskStatus.PUBLISHED, now);
                published.add(t.id());
            }
        }
        StoredTask kept = tasks.get(2);
        String hidden =
                a.storage().submissions().forTask(tasks.get(0).id()).get(0).id();
        a.storage()
                .database()
                .jdbi()
                .useHandle(h -> h.execute("UPDATE submissions SET hidden = 1 WHERE id = ?", hidden));
        return new Fixture(
                published,
                kept.id(),
                a.storage().submissions().forTask(kept.id()).stream()
                        .map(Submission::id)
                        .toList(),
                hidden);
    }

    private List<String> tables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(owner));
                Statement s = c.createStatement()) {
            return strings(s, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename");
        }
    }

    /** What the user may do to the table, found by trying (nothing is changed: every statement is rolled back). */
    private static String probe(String url, String table) throws SQLException {
        StringBuilder may = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            String column = firstColumn(c, table);
            Map<Character, String> tries = new LinkedHashMap<>();
            tries.put('S', "SELECT * FROM " + table + " LIMIT 0");
            tries.put('I', "INSERT INTO " + table + " DEFAULT VALUES");
            tries.put('U', "UPDATE " + table + " SET " + column + " = " + column + " WHERE false");
            if (table.equals("battles")) tries.put('u', "UPDATE battles SET used_at = used_at WHERE false");
            tries.put('D', "DELETE FROM " + table + " WHERE false");
            for (var e : tries.entrySet()) {
                try (Statement s = c.createStatement()) {
                    s.execute(e.getValue());
                    may.append(e.getKey());
                } catch (SQLException ex) {
                    // Past the permission check, an empty insert breaks a NOT NULL or a policy: allowed all the same.
                    if (!ex.getMessage().contains("permission denied")) may.append(e.getKey());
                } finally {
                    c.rollback();
                }
            }
        }
        String found = may.toString();
        // A column grant shows as 'u' only where a whole-row UPDATE is refused.
        return found.contains("U") ? found.replace("u", "") : found;
    }

    /** The table's first column, from the catalog (readable by anyone, unlike information_schema's filtered view). */
    private static String firstColumn(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 "
                + "AND NOT attisdropped ORDER BY attnum LIMIT 1")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(table + " has columns").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Runs a script as docs/postgres-roles.md shows, with this test's role names. */
    private void runScript(String file, String url) throws Exception {
        String script = Files.readString(Path.of(file));
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("SET autobench.web_role = '" + web + "'");
            s.execute("SET autobench.worker_role = '" + worker + "'");
            s.execute(script);
        }
    }

    private static void assertDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql))
                .as(sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .as(e.getMessage())
                        .isEqualTo("42501"))
                .hasMessageContaining("permission denied");
    }

    private static Config config(String url) {
        return new ConfigLoader(Map.of("AUTOBENCH_RENDER_ENABLED", "false"))
                .load(null, true)
                .withDatabase(url);
    }

    private static Assembly arena(String url) {
        return TestAssembly.build(config(url));
    }
}
