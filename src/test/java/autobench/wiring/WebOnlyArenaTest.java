package autobench.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.testing.Store;
import autobench.testing.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebOnlyArenaTest {
    @TempDir Path tmp;

    @Test
    void a_web_only_arena_writes_nothing_at_start_up_and_a_worker_arena_records_the_models() {
        String url = Store.SQLITE.freshUrl(tmp);
        Config c = TestConfigs.load(tmp, TestConfigs.base(url, 1) + TestConfigs.stubModel("m", 9, 30), Map.of());
        try (Arena web = Arena.openForWeb(c)) {
            assertThat(models(web)).isZero();
        }
        try (Arena worker = Arena.open(c)) {
            assertThat(models(worker)).isEqualTo(1);
        }
    }

    private static int models(Arena a) {
        Integer n = a.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM models").mapTo(Integer.class).one());
        return n;
    }
}
