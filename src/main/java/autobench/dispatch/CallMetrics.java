package autobench.dispatch;

import autobench.provider.ModelConfig;
import autobench.provider.Usage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** What every provider call adds to the process's metrics (scraped at /metrics): calls, latency, tokens, cost. */
final class CallMetrics {
    private final MeterRegistry meters;

    CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(ModelConfig model, CallOutcome outcome, Duration latency, Usage usage, double costUsd) {
        String provider = model.provider().wireName();
        meters.counter(
                        "autobench.provider.calls",
                        "provider",
                        provider,
                        "model",
                        model.id(),
                        "outcome",
                        outcome.wireName())
                .increment();
        meters.timer("autobench.provider.latency", "provider", provider, "model", model.id())
                .record(latency);
        meters.counter("autobench.tokens", "model", model.id(), "kind", "input").increment(usage.inputTokens());
        meters.counter("autobench.tokens", "model", model.id(), "kind", "output")
                .increment(usage.outputTokens());
        meters.counter("autobench.tokens", "model", model.id(), "kind", "reasoning")
                .increment(usage.reasoningTokens());
        meters.counter("autobench.cost.usd", "model", model.id()).increment(costUsd);
    }
}
