package autobench.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.wiring.Arena;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.testing.Store;
import autobench.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyLimitTest {
    @TempDir Path tmp;

    @Test
    void calls_run_concurrently_but_never_more_than_the_provider_limit() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Provider slow = p -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return new Completion.Answered("```html\n<canvas></canvas>\n```", "", Finish.STOP, new Usage(1, 1, 0), "v", "{}");
        };
        String yaml = TestConfigs.base(Store.SQLITE.freshUrl(tmp), 6).replace("max_attempts: 3", "max_attempts: 3\n  max_concurrency: 3")
                + TestConfigs.stubModel("a", 9, 30) + TestConfigs.stubModel("b", 9, 30);
        try (Arena arena = new Arena(TestConfigs.load(tmp, yaml, Map.of()), k -> null, Clock.systemUTC(), Sleeper.REAL, l -> {},
                Map.of("a", slow, "b", slow))) {
            LocalDate day = LocalDate.of(2026, 2, 2);
            arena.dailyTasks().ensure(day);
            DispatchReport r = arena.dispatcher().dispatchDay(day);
            assertThat(r.succeeded()).isEqualTo(12);
            // Peak 3, not 1: calls overlapped; not more: both models are openai-compatible, one shared limit of 3.
            assertThat(peak.get()).isEqualTo(3);
        }
    }
}
