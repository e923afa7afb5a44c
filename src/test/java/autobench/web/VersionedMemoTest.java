package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The battle page's remembered rows (a task's heading): read once per data version, bounded. */
class VersionedMemoTest {
    final AtomicLong version = new AtomicLong(1);
    final AtomicInteger reads = new AtomicInteger();
    final VersionedMemo<String, String> memo = new VersionedMemo<>(
            version::get,
            k -> {
                reads.incrementAndGet();
                return k.startsWith("no-") ? Optional.empty() : Optional.of(k + "@" + version.get());
            },
            3);

    @Test
    void a_key_is_read_once_per_data_version_and_again_when_the_version_changes() {
        assertThat(memo.get("t1")).contains("t1@1");
        assertThat(memo.get("t1")).contains("t1@1");
        assertThat(reads.get()).isEqualTo(1);
        version.incrementAndGet();
        assertThat(memo.get("t1")).contains("t1@2");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void an_unknown_key_is_remembered_as_unknown_too() {
        assertThat(memo.get("no-such-task")).isEmpty();
        assertThat(memo.get("no-such-task")).isEmpty();
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void past_its_bound_it_starts_over_so_no_sequence_of_keys_can_grow_it() {
        for (int i = 0; i < 100; i++) memo.get("k" + i);
        assertThat(reads.get()).isEqualTo(100);
        memo.get("k99");
        assertThat(reads.get()).as("the newest keys are still remembered").isEqualTo(100);
        memo.get("k0");
        assertThat(reads.get()).as("the oldest were dropped").isEqualTo(101);
    }
}
