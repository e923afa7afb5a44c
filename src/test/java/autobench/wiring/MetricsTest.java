package autobench.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What operators scrape: calls by provider and outcome, latency, tokens, cost, and the queue. */
class MetricsTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    @Test
    void a_dispatched_day_shows_in_the_metrics_by_provider_model_and_outcome() {
        stub.answerAll(ChatStub.ok());
        String yaml = TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("m", stub.port(), 30);
        try (Assembly a = TestAssembly.build(TestConfigs.load(tmp, yaml, Map.of()))) {
            a.pipeline().dailyCycle().run(LocalDate.of(2026, 9, 1));
            String scrape = a.storage().meters().scrape();
            assertThat(scrape)
                    .containsPattern(
                            "autobench_provider_calls_total\\{model=\"m\",outcome=\"answered\",provider=\"openai-compatible\"} 2\\.0");
            assertThat(scrape)
                    .containsPattern(
                            "autobench_provider_latency_seconds_count\\{model=\"m\",provider=\"openai-compatible\"} 2");
            assertThat(scrape).containsPattern("autobench_tokens_total\\{kind=\"output\",model=\"m\"} [1-9]");
            assertThat(scrape).containsPattern("autobench_cost_usd_total\\{model=\"m\"} [0-9.]*[1-9]");
            assertThat(scrape).containsPattern("autobench_submissions\\{status=\"succeeded\"} 2\\.0");
            assertThat(scrape).containsPattern("autobench_submissions\\{status=\"pending\"} 0\\.0");
        }
    }
}
