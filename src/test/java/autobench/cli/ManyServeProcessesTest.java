package autobench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.render.ChromiumForTests;
import autobench.testing.ChildJava;
import autobench.testing.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code serve} processes with every role on one PostgreSQL, all finding the same day
 * due at the same instant: the day is generated once, every model is called once per task, and
 * every answer is rendered once.
 */
@Tag("chromium")
@Tag("slow")
@Timeout(600) // its own waits add up to 240 s (150 s for the render stage), and a busy machine needs more
class ManyServeProcessesTest {
    static final int TASKS = 1;
    static final List<String> MODELS = List.of("demo-orbit", "demo-grid", "demo-waves", "demo-blocks");

    @TempDir
    Path tmp;

    final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) p.destroy();
        for (Process p : children) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    @Test
    void three_serve_processes_on_one_postgres_call_each_model_once_and_render_each_answer_once() throws Exception {
        Path chromium = ChromiumForTests.require();
        String url = Store.POSTGRES.freshUrl(tmp);
        StringBuilder yaml = new StringBuilder("""
                database: "%s"
                zone: UTC
                tasks_per_day: %d
                shutdown_grace_seconds: 10
                schedule:
                  generate_at: "00:00"
                  dispatch_at: "00:00"
                  render_at: "00:00"
                  catch_up_days: 0
                render:
                  enabled: true
                  chromium: "%s"
                  time_limit_seconds: 10
                  lanes: 1
                models:
                """.formatted(url, TASKS, chromium));
        for (String m : MODELS)
            yaml.append("  - {id: ")
                    .append(m)
                    .append(", provider: demo, model: ")
                    .append(m)
                    .append("}\n");
        Path cfg = tmp.resolve("autobench.yaml");
        Files.writeString(cfg, yaml);

        // Everything is due already (00:00 today): the three find the same stages due on their first tick.
        for (int i = 0; i < 3; i++) children.add(serve(cfg, i));

        // About 30 s on an idle 2-core machine; the margin is for a machine shared with other builds.
        long deadline = System.currentTimeMillis() + 150_000;
        String renderStatus = null;
        try (Connection db = DriverManager.getConnection(url)) {
            while (System.currentTimeMillis() < deadline) {
                for (int i = 0; i < children.size(); i++) {
                    assertThat(children.get(i).isAlive())
                            .as("serve #%d died early: %s", i, log(i))
                            .isTrue();
                }
                renderStatus = string(db, "SELECT status FROM stage_runs WHERE stage = 'render'");
                if (renderStatus != null && !renderStatus.equals("running")) break;
                Thread.sleep(200);
            }
            assertThat(renderStatus)
                    .as("the render stage finished within 150 s; logs:\n%s\n%s\n%s", log(0), log(1), log(2))
                    .isEqualTo("done");

            assertThat(ints(db, "SELECT attempts FROM stage_runs ORDER BY stage"))
                    .as("each stage of the day ran once, in one process")
                    .containsOnly(1)
                    .hasSize(4);
            assertThat(integer(db, "SELECT COUNT(*) FROM tasks"))
                    .as("one set of tasks")
                    .isEqualTo(TASKS);
            assertThat(integer(db, "SELECT COUNT(*) FROM submissions"))
                    .as("one submission per (task, model)")
                    .isEqualTo(TASKS * MODELS.size());
            assertThat(integer(db, "SELECT COUNT(DISTINCT task_id || '/' || model_id) FROM submissions"))
                    .isEqualTo(TASKS * MODELS.size());
            assertThat(integer(db, "SELECT COUNT(*) FROM duplicate_submissions"))
                    .as("the seed's view duplicate_submissions")
                    .isZero();
            assertThat(integer(
                            db, "SELECT COUNT(*) FROM submissions WHERE status IN ('calling', 'pending', 'unknown')"))
                    .isZero();

            Map<String, Integer> calls = counts(db, """
                    SELECT s.id, COUNT(c.id) FROM submissions s LEFT JOIN provider_calls c ON c.submission_id = s.id GROUP BY s.id""");
            assertThat(calls)
                    .as("ledger rows per submission")
                    .hasSize(TASKS * MODELS.size())
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(integer(db, "SELECT COUNT(*) FROM provider_calls WHERE outcome IS NULL"))
                    .as("no call left in flight")
                    .isZero();

            int succeeded = integer(db, "SELECT COUNT(*) FROM submissions WHERE status = 'succeeded'");
            assertThat(succeeded)
                    .as("the demo models answer with runnable pages")
                    .isPositive();
            Map<String, Integer> renders = counts(db, """
                    SELECT s.id, COALESCE(MAX(r.attempts), 0) FROM submissions s LEFT JOIN render_results r ON r.submission_id = s.id
                    WHERE s.status = 'succeeded' GROUP BY s.id""");
            assertThat(renders)
                    .as("render attempts per succeeded answer")
                    .hasSize(succeeded)
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(integer(db, "SELECT COUNT(*) FROM render_results WHERE status <> 'done'"))
                    .isZero();
            assertThat(integer(db, "SELECT COUNT(*) FROM tasks WHERE status = 'published'"))
                    .as("the task is published")
                    .isEqualTo(TASKS);
            assertThat(integer(db, "SELECT COUNT(DISTINCT owner) FROM stage_runs"))
                    .as("owners of the stage runs")
                    .isBetween(1, 3);
        }
        for (int i = 0; i < children.size(); i++) {
            children.get(i).destroy();
            assertThat(children.get(i).waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log(i)).as("serve #%d log", i).doesNotContain("Exception");
        }
    }

    private Process serve(Path cfg, int i) throws Exception {
        List<String> cmd = ChildJava.app("serve", "--config", cfg.toString(), "--port", "0", "--sandbox-port", "0");
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve-" + i + ".log").toFile())
                .start();
    }

    private String log(int i) throws Exception {
        Path p = tmp.resolve("serve-" + i + ".log");
        return Files.exists(p) ? Files.readString(p) : "(no log)";
    }

    private static String string(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null; // not migrated yet: the children are still starting
        }
    }

    private static int integer(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<Integer> ints(Connection db, String sql) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    private static Map<String, Integer> counts(Connection db, String sql) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
        }
        return out;
    }
}
