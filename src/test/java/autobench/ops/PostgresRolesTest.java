package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.DailyCycle;
import autobench.db.Database;
import autobench.dispatch.Submission;
import autobench.rating.Outcome;
import autobench.task.TaskStore;
import autobench.testing.Store;
import autobench.render.Checks;
import autobench.render.RenderOutput;
import autobench.render.RenderStatus;
import autobench.render.Timing;
import autobench.task.TaskStatus;
import autobench.vote.Battle;
import autobench.vote.Battles;
import autobench.vote.CastResult;
import autobench.vote.VoteSettings;
import autobench.vote.VoteStore;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import autobench.testing.TestAssembly;
import autobench.wiring.Assembly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops/postgres-roles.sql on a real PostgreSQL: what the web and worker users may and may not do. */
class PostgresRolesTest {
    static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    @TempDir Path tmp;

    @Test
    void the_web_database_user_can_read_and_vote_but_cannot_update_a_submission_or_delete_a_vote() throws Exception {
        String owner = Store.POSTGRES.freshUrl(tmp);
        String suffix = owner.substring(owner.lastIndexOf('/') + 1, owner.indexOf('?'));
        String web = "web_" + suffix, worker = "worker_" + suffix;
        String taskId;
        List<Submission> subs;
        try (Assembly a = arena(owner)) {
            DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY);
            taskId = r.tasks().get(0).id();
            subs = a.storage().submissions().forTask(taskId);
            // what the web shows: published tasks with rendered answers (rendering itself is off here)
            long now = System.currentTimeMillis();
            for (var t : r.tasks()) {
                a.storage().tasks().advance(t.id(), TaskStatus.DISPATCHED, TaskStatus.PUBLISHED, now);
                for (Submission s : a.storage().submissions().forTask(t.id())) {
                    a.storage().renders().createPending(s.id(), 1, now);
                    a.storage().renders().claim(s.id(), "test", now + 60_000, now);
                    a.storage().renders().complete(s.id(), "test", new RenderOutput(RenderStatus.OK, null,
                            new Checks(true, true, true, false, 0.5, 0.1, 0), List.of(), List.of(), List.of(), List.of(),
                            new Timing(1L, 2L, 3L), List.of()), now);
                }
            }
        }
        applyRoles(owner, web, worker);
        applyRoles(owner, web, worker); // idempotent: a second run changes nothing and does not fail

        String webUrl = owner.replace("user=postgres", "user=" + web);
        try (Database db = Database.open(webUrl, null, null)) { // opening migrates: a no-op it must be allowed
            assertThat(new TaskStore(db).forDay(DAY)).isNotEmpty();
            VoteStore votes = new VoteStore(db);
            String battle = votes.issueBattle(taskId, subs.get(0).id(), subs.get(1).id(), "visitor-1", 1);
            assertThat(votes.vote(battle, "visitor-1", Outcome.LEFT, "h", 2)).isTrue();
            assertThat(votes.all()).hasSize(1);
            // the web's own path: a sealed ticket, the server secret, the per-day tallies, the pair counter
            Battles battles = new Battles(votes, VoteSettings.DEFAULTS.withMinViewTime(Duration.ZERO), ZoneOffset.UTC, Clock.systemUTC(),
                    new SecureRandom()); // votes at once: VoteStuffingTest covers the minimum view time
            Battle b = battles.issue("visitor-2", "address-2").orElseThrow();
            assertThat(battles.cast(b.token(), "visitor-2", Outcome.RIGHT, "address-2")).isInstanceOf(CastResult.Accepted.class);
            assertThat(votes.all()).hasSize(2);
        }
        try (Connection c = DriverManager.getConnection(webUrl); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM duplicate_submissions")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
        try (Connection c = DriverManager.getConnection(webUrl); Statement s = c.createStatement()) {
            assertDenied(s, "UPDATE submissions SET code = 'defaced' WHERE id = '" + subs.get(0).id() + "'");
            assertDenied(s, "DELETE FROM votes");
            assertDenied(s, "UPDATE battles SET visitor = 'someone-else'");
            assertDenied(s, "INSERT INTO rating_snapshots (day, scope, model_id, method, rating, votes, created_at) VALUES ('2026-06-01', 'all', 'demo-grid', 'elo', 9999, 1, 0)");
            assertDenied(s, "CREATE TABLE mine (x INTEGER)");
        }

        String workerUrl = owner.replace("user=postgres", "user=" + worker);
        try (Assembly a = arena(workerUrl)) { // the whole pipeline for a second day, as the worker
            DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY.plusDays(1));
            assertThat(a.storage().submissions().forTask(r.tasks().get(0).id())).isNotEmpty();
        }
        try (Connection c = DriverManager.getConnection(workerUrl); Statement s = c.createStatement()) {
            assertDenied(s, "DELETE FROM votes");
            assertDenied(s, "UPDATE votes SET outcome = 'right'");
            assertDenied(s, "DELETE FROM submissions");
            assertThatThrownBy(() -> s.execute("DROP TABLE votes")).hasMessageContaining("must be owner of table votes");
        }
    }

    private static void applyRoles(String ownerUrl, String web, String worker) throws Exception {
        String script = Files.readString(Path.of("ops/postgres-roles.sql"));
        try (Connection c = DriverManager.getConnection(ownerUrl); Statement s = c.createStatement()) {
            s.execute("SET autobench.web_role = '" + web + "'");
            s.execute("SET autobench.worker_role = '" + worker + "'");
            s.execute(script);
        }
    }

    private static void assertDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("42501"))
                .hasMessageContaining("permission denied");
    }

    private Assembly arena(String url) {
        Config c = new ConfigLoader(Map.of("AUTOBENCH_RENDER_ENABLED", "false")).load(null, true).withDatabase(url);
        return TestAssembly.build(c);
    }
}
