package autobench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheFloodTest {
    @Test
    void the_flood_sends_100000_distinct_query_strings_one_in_50_a_valid_new_window() {
        Set<String> seen = new HashSet<>();
        int windows = 0;
        for (int i = 0; i < 100_000; i++) {
            String p = CacheFlood.path(i, "t1");
            assertThat(seen.add(p)).as("request %d repeats %s", i, p).isTrue();
            if (p.startsWith("/leaderboard?from=")) windows++;
        }
        assertThat(windows).isEqualTo(2_000);
    }
}
