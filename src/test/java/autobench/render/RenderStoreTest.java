package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.db.Database;
import autobench.testing.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RenderStoreTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_library_substitution_is_stored_with_the_render_and_read_back(Store store) {
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            db.jdbi().useHandle(h -> {
                h.execute(
                        "INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled, first_seen_at, updated_at) VALUES ('m','demo','m',1,0,0,1,0,0)");
                h.execute(
                        "INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at, updated_at) VALUES ('t','2026-01-01',0,'T','game','x','p','builtin','dispatched',0,0)");
                h.execute(
                        "INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at) VALUES ('s','t','m','succeeded',1,0,0)");
            });
            RenderStore renders = new RenderStore(db);
            renders.createPending("s", 7, 0);
            assertThat(renders.find("s").orElseThrow().assists()).isEmpty();
            assertThat(renders.claim("s", "me", 10_000, 1)).isTrue();
            String substituted = "library substituted: three@0.160.0 → three@0.160.1";
            RenderOutput out = new RenderOutput(
                    RenderStatus.OK,
                    "",
                    new Checks(true, true, true, false, 0.5, 0.1, 0),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    new Timing(10L, 20L, 30L),
                    List.of(substituted));
            assertThat(renders.complete("s", "me", out, 2)).isTrue();
            RenderStore.Row row = renders.find("s").orElseThrow();
            assertThat(row.status()).isEqualTo(RenderStore.State.DONE);
            assertThat(row.assists()).containsExactly(substituted);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_slow_check_is_read_back_with_the_render_and_is_null_before_it(Store store) {
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            oneAnswer(db);
            RenderStore renders = new RenderStore(db);
            renders.createPending("s", 7, 0);
            assertThat(renders.find("s").orElseThrow().slow()).isNull();
            assertThat(renders.claim("s", "me", 10_000, 1)).isTrue();
            RenderOutput out = new RenderOutput(
                    RenderStatus.OK,
                    "",
                    new Checks(true, true, true, false, 0.5, 0.1, 0, true),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    new Timing(10L, 20L, 30L),
                    List.of());
            assertThat(renders.complete("s", "me", out, 2)).isTrue();
            assertThat(renders.find("s").orElseThrow().slow()).isTrue();
        }
    }

    /** The rows a render row needs: a model, a task and one succeeded answer ("s"). */
    private static void oneAnswer(Database db) {
        db.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO models (id, provider, model_name, demo, price_input, price_output, enabled,
                      first_seen_at, updated_at) VALUES ('m','demo','m',1,0,0,1,0,0)""");
            h.execute("""
                    INSERT INTO tasks (id, day, slot, title, category, theme, prompt, generator, status, created_at,
                      updated_at) VALUES ('t','2026-01-01',0,'T','game','x','p','builtin','dispatched',0,0)""");
            h.execute("""
                    INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at)
                    VALUES ('s','t','m','succeeded',1,0,0)""");
        });
    }
}
