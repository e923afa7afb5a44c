package autobench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.testing.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exactly-once is a constraint in the schema, not a code path: even raw SQL cannot break it. */
class SchemaConstraintTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_database_itself_rejects_a_second_submission_for_one_task_and_model(Store store) {
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            db.jdbi().useHandle(h -> {
                h.execute(
                        "INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled, first_seen_at, updated_at) VALUES ('m','demo','m',1,0,0,1,0,0)");
                h.execute(
                        "INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at, updated_at) VALUES ('t','2026-01-01',0,'T','game','x','p','builtin','approved',0,0)");
                h.execute(
                        "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('s1','t','m','pending',0,0,0)");
            });
            assertThatThrownBy(
                            () -> db.jdbi()
                                    .useHandle(
                                            h -> h.execute(
                                                    "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('s2','t','m','pending',0,0,0)")))
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("unique"));
            assertThatThrownBy(
                            () -> db.jdbi()
                                    .useHandle(
                                            h -> h.execute(
                                                    "INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at, updated_at) VALUES ('t2','2026-01-01',0,'T','game','x','p','builtin','approved',0,0)")))
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("unique"));
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    "INSERT INTO provider_calls (id, submission_id, attempt, model_id, caller, reason, started_at) VALUES ('c1','s1',1,'m','me','first',0)"));
            assertThatThrownBy(
                            () -> db.jdbi()
                                    .useHandle(
                                            h -> h.execute(
                                                    "INSERT INTO provider_calls (id, submission_id, attempt, model_id, caller, reason, started_at) VALUES ('c2','s1',1,'m','other','first',0)")))
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("unique"));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_vote_outside_the_closed_vocabulary_is_rejected_by_the_schema(Store store) {
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            // Every parent row exists, so only the CHECK on the outcome can reject the second vote.
            db.jdbi().useHandle(h -> {
                for (String m : new String[] {"a", "b"}) {
                    h.execute(
                            "INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled, first_seen_at, updated_at) VALUES ('"
                                    + m + "','demo','" + m + "',1,0,0,1,0,0)");
                }
                h.execute(
                        "INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at, updated_at) VALUES ('t','2026-01-01',0,'T','game','x','p','builtin','published',0,0)");
                h.execute(
                        "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('sa','t','a','succeeded',1,0,0)");
                h.execute(
                        "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('sb','t','b','succeeded',1,0,0)");
                h.execute(
                        "INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at) VALUES ('b1','t','sa','sb','x',0)");
                h.execute(
                        "INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at) VALUES ('b2','t','sa','sb','x',0)");
                h.execute(
                        "INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, cast_at) VALUES ('v1','b1','t','a','b','both_bad','x',0)");
            });
            assertThatThrownBy(
                            () -> db.jdbi()
                                    .useHandle(
                                            h -> h.execute(
                                                    "INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, cast_at) VALUES ('v2','b2','t','a','b','maybe','x',0)")))
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("check"));
            int votes = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes")
                            .mapTo(Integer.class)
                            .one());
            assertThat(votes).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_database_migrated_by_a_newer_autobench_is_refused_and_left_untouched(Store store) throws Exception {
        String url = store.freshUrl(tmp);
        String current;
        try (Database a = Database.open(url, null, null)) {
            current = a.schemaVersion();
            a.jdbi().useHandle(h -> h.execute("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                    VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, TRUE)"""));
        }
        assertThatThrownBy(() -> Database.open(url, null, null).close())
                .hasMessageContaining(
                        "schema is at version 999 (\"from the future\"), newer than this AutoBench knows");
        // nothing was migrated or changed by the refused open
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT COUNT(*), MAX(installed_rank) FROM flyway_schema_history WHERE version <> '999'")) {
            rs.next();
            assertThat(rs.getInt(2)).isEqualTo(rs.getInt(1)); // the ranks of the real migrations, none added
        }
        assertThat(current).isNotEqualTo("999");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void opening_twice_migrates_once(Store store) {
        String url = store.freshUrl(tmp);
        try (Database a = Database.open(url, null, null)) {
            assertThat(a.dialect().name()).isEqualTo(store.name());
        }
        try (Database b = Database.open(url, null, null)) {
            int n = b.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM models")
                            .mapTo(Integer.class)
                            .one());
            assertThat(n).isZero();
        }
    }

    @Test
    void sqlite_runs_in_wal_mode_with_a_busy_timeout() {
        Store store = Store.SQLITE;
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            String mode = db.jdbi()
                    .withHandle(h -> h.createQuery("PRAGMA journal_mode")
                            .mapTo(String.class)
                            .one());
            int busy = db.jdbi()
                    .withHandle(h -> h.createQuery("PRAGMA busy_timeout")
                            .mapTo(Integer.class)
                            .one());
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(busy).isGreaterThanOrEqualTo(10_000);
        }
    }

    @Test
    void a_database_url_with_a_password_is_never_shown_in_full() {
        assertThat(Dialect.redact("jdbc:postgresql://h/db?user=a&password=hunter2"))
                .doesNotContain("hunter2");
        assertThat(Dialect.redact("jdbc:postgresql://a:hunter2@h/db")).doesNotContain("hunter2");
    }
}
