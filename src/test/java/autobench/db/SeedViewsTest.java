package autobench.db;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's three verification queries ship as views, so operators can run them in psql or sqlite3. */
class SeedViewsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_seed_views_answer_the_seed_questions(Store store) {
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            long now = System.currentTimeMillis();
            db.jdbi().useHandle(h -> {
                h.execute(
                        "INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled, first_seen_at, updated_at) VALUES ('m','demo','m',1,0,0,1,0,0)");
                h.execute(
                        "INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled, first_seen_at, updated_at) VALUES ('n','demo','n',1,0,0,1,0,0)");
                h.execute(
                        "INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at, updated_at) VALUES ('old','2026-01-01',0,'Old','game','x','p','builtin','published',0,0)");
                h.createUpdate(
                                "INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at, updated_at) VALUES ('new','2026-01-02',0,'New','game','x','p','builtin','dispatched',:now,:now)")
                        .bind("now", now)
                        .execute();
                h.execute(
                        "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('s1','new','m','succeeded',1,0,0)");
                h.execute(
                        "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('s2','new','n','succeeded',1,0,0)");
            });
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("SELECT COUNT(*) FROM duplicate_submissions")
                                .mapTo(Integer.class)
                                .one())
                        .isZero();
                assertThat(h.createQuery("SELECT id FROM todays_tasks")
                                .mapTo(String.class)
                                .list())
                        .containsExactly("new");
                assertThat(h.createQuery(
                                        "SELECT task_id || ':' || submission_count FROM submissions_per_task ORDER BY task_id")
                                .mapTo(String.class)
                                .list())
                        .containsExactly("new:2", "old:0");
                // The constraint keeps the first view empty; with it gone the view would say so.
                h.execute("DROP INDEX IF EXISTS no_such_index");
            });
        }
    }
}
