package autobench.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.ProviderKind;
import autobench.provider.Usage;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-provider limits: calls overlap up to the limit, never beyond, across every dispatch of one process. */
class ConcurrencyLimitTest {
    static final Completion OK =
            new Completion.Answered("```html\n<canvas></canvas>\n```", "", Finish.STOP, new Usage(1, 1, 0), "v", "{}");

    @TempDir
    Path tmp;

    private Assembly arena(int tasks, int limit, Provider p) {
        // Both models are openai-compatible: one shared limit for the provider.
        String yaml = TestConfigs.base(Store.SQLITE.freshUrl(tmp), tasks)
                        .replace("max_attempts: 3", "max_attempts: 3\n  max_concurrency: " + limit)
                + TestConfigs.stubModel("a", 9, 30)
                + TestConfigs.stubModel("b", 9, 30);
        return TestAssembly.of(TestConfigs.load(tmp, yaml, Map.of()))
                .providers(Map.of("a", p, "b", p))
                .build();
    }

    @Test
    void calls_run_concurrently_but_never_more_than_the_provider_limit() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        // Each call waits until two others are in flight with it: a limit below 3 breaks the barrier
        // (the calls fail), a limit above 3 lets a fourth in (the peak shows it). No sleeps, no timing.
        CyclicBarrier three = new CyclicBarrier(3);
        Provider meets = p -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                three.await(20, TimeUnit.SECONDS);
                return OK;
            } catch (Exception e) {
                throw new IllegalStateException("fewer than 3 calls ran at once", e);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        try (Assembly arena = arena(6, 3, meets)) {
            LocalDate day = LocalDate.of(2026, 2, 2);
            arena.pipeline().dailyTasks().ensure(day);
            DispatchReport r = arena.pipeline().dispatcher().dispatchDay(day);
            assertThat(r.succeeded()).isEqualTo(12);
            assertThat(peak.get()).isEqualTo(3);
        }
    }

    @Test
    void two_dispatch_runs_in_one_process_share_the_provider_limits() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Provider held = p -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
                return OK;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        try (Assembly arena = arena(3, 2, held);
                var threads = Executors.newFixedThreadPool(2)) {
            LocalDate day1 = LocalDate.of(2026, 2, 2), day2 = day1.plusDays(1);
            arena.pipeline().dailyTasks().ensure(day1);
            arena.pipeline().dailyTasks().ensure(day2);
            // The first run takes both slots; the second run (as a scheduler firing again would) finds them taken.
            CompletableFuture<DispatchReport> first = CompletableFuture.supplyAsync(
                    () -> arena.pipeline().dispatcher().dispatchDay(day1), threads);
            await(() ->
                    inFlight.get() == 2 && arena.pipeline().dispatcher().waiting(ProviderKind.OPENAI_COMPATIBLE) == 4);
            CompletableFuture<DispatchReport> second = CompletableFuture.supplyAsync(
                    () -> arena.pipeline().dispatcher().dispatchDay(day2), threads);
            // day 2's six calls (and day 1's four, which it finds still pending) queue behind the same two slots.
            await(() -> arena.pipeline().dispatcher().waiting(ProviderKind.OPENAI_COMPATIBLE) >= 4 + 6);
            assertThat(inFlight.get()).isEqualTo(2);
            release.countDown();
            int succeeded = first.get(30, TimeUnit.SECONDS).succeeded()
                    + second.get(30, TimeUnit.SECONDS).succeeded();
            assertThat(succeeded).isEqualTo(12);
            assertThat(peak.get()).isEqualTo(2);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("condition not reached within 20 s");
            Thread.sleep(5);
        }
    }
}
