package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.vote.PairPicker.Pair;
import autobench.vote.VoteStore.PairCount;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The in-memory pair counters the battle picker weighs pairs by. */
class PairCountersTest {
    static final Pair AB = Pair.of("a", "b");
    /** A thread per task: the common pool has one thread on a two-core machine, and the slow read would hold it. */
    static final Executor THREADS = r -> Thread.ofPlatform().daemon().start(r);

    /**
     * What {@link Battles} does for a battle, on a thread of its own: refresh without the lock, then
     * (optionally count the pair as shown and) weigh it under the lock.
     */
    static CompletableFuture<Long> battle(PairCounters counters, boolean shown) {
        return CompletableFuture.supplyAsync(
                () -> {
                    counters.refreshIfStale();
                    synchronized (counters) {
                        if (shown) counters.shown(AB, 0);
                        return counters.weight(AB, 0);
                    }
                },
                THREADS);
    }

    /** A database that takes its time: says it is reading, then answers {@code votes} for the pair once released. */
    static List<PairCount> slowly(CountDownLatch reading, CountDownLatch release, long votes) {
        reading.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of(new PairCount("a", "b", votes));
    }

    @Test
    void a_slow_read_of_the_pair_counts_holds_up_no_battle_and_its_counts_arrive_when_it_ends() throws Exception {
        CountDownLatch reading = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        Supplier<List<PairCount>> load = () -> {
            if (reads.incrementAndGet() == 1) return List.of(new PairCount("a", "b", 3));
            return slowly(reading, release, 10);
        };
        PairCounters counters = new PairCounters(load, 60_000, 0); // stale at once: every call wants a read
        counters.refreshIfStale();
        synchronized (counters) {
            assertThat(counters.weight(AB, 0)).isEqualTo(3);
        }

        CompletableFuture<Void> slow = CompletableFuture.runAsync(counters::refreshIfStale, THREADS);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        // While that read hangs, battles are still drawn, on the counts already known: the read holds no lock.
        CompletableFuture<Long> battle = battle(counters, true);
        assertThat(battle.get(10, TimeUnit.SECONDS)).isEqualTo(3 + 1);
        assertThat(slow).isNotDone();
        assertThat(reads.get()).as("one caller reads; the others go on").isEqualTo(2);

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        synchronized (counters) {
            assertThat(counters.weight(AB, 0))
                    .as("the read's counts, plus the open ticket")
                    .isEqualTo(10 + 1);
        }
    }

    @Test
    void the_first_read_is_waited_for_so_no_battle_is_drawn_on_no_counts() throws Exception {
        CountDownLatch reading = new CountDownLatch(1), release = new CountDownLatch(1);
        PairCounters counters = new PairCounters(() -> slowly(reading, release, 7), 60_000);
        CompletableFuture<Void> first = CompletableFuture.runAsync(counters::refreshIfStale, THREADS);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = battle(counters, false);
        Thread.sleep(200);
        assertThat(second).as("nothing known yet: it waits for the first read").isNotDone();
        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(7);
        first.get(10, TimeUnit.SECONDS);
    }
}
