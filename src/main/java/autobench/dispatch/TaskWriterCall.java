package autobench.dispatch;

import autobench.db.Ids;
import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.task.WriterCall;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task writer's call under the answers' rules: one ledger row per arena day, written before
 * the request leaves (UNIQUE (task_day, attempt) lets one process take it, once, ever), priced,
 * counted against the daily budget and in the metrics. A process that dies mid-call leaves the
 * row without an outcome; once its time is up the next run marks it {@code unknown} (the provider
 * may have billed it) and fills the day from the library instead of asking again.
 */
public final class TaskWriterCall implements WriterCall {
    private static final Logger log = LoggerFactory.getLogger(TaskWriterCall.class);

    private final CallLedger ledger;
    private final Budget budget;
    private final ModelConfig model;
    private final Provider provider;
    private final long maxOutputTokens;
    private final Duration lease;
    private final Dispatcher.Runtime runtime;
    private final CallMetrics metrics;

    /**
     * @param maxOutputTokens the writer's own output limit (its budget reservation)
     * @param settings        how much longer than the model's timeout a call in flight counts as alive
     */
    public TaskWriterCall(
            CallLedger ledger,
            Budget budget,
            ModelConfig model,
            Provider provider,
            long maxOutputTokens,
            DispatchSettings settings,
            Dispatcher.Runtime runtime) {
        this.ledger = ledger;
        this.budget = budget;
        this.model = model;
        this.provider = provider;
        this.maxOutputTokens = maxOutputTokens;
        this.lease = Duration.ofSeconds(model.timeoutSeconds() + (long) settings.leaseMarginSeconds());
        this.runtime = runtime;
        this.metrics = new CallMetrics(runtime.meters());
    }

    @Override
    public Reply ask(LocalDate day, Prompt prompt) {
        String key = day.toString();
        Optional<LedgerCall> earlier = ledger.taskWriterCall(key);
        if (earlier.isPresent()) return earlier(key, earlier.get());
        OptionalDouble reservation = budget.reserve(model, maxOutputTokens, runtime.clock());
        if (reservation.isEmpty()) return new Reply.NotMade("the call could pass daily_budget_usd");
        try {
            String callId = Ids.newId();
            if (!ledger.beginTaskWriter(
                    callId, key, model.id(), runtime.owner(), runtime.clock().millis())) {
                return new Reply.Busy("another process took the day's task writer call just now");
            }
            long t0 = System.nanoTime();
            Completion c;
            try {
                c = provider.complete(prompt);
            } catch (RuntimeException e) {
                log.error(
                        "provider adapter for {} threw during the task writer call; treating it as a network failure",
                        model.id(),
                        e);
                c = Completion.Failed.of(
                        FailureKind.NETWORK, "adapter error: " + e.getClass().getSimpleName());
            }
            long latency = (System.nanoTime() - t0) / 1_000_000;
            Usage usage = LedgerCall.usageOf(c);
            double cost = usage.costUsd(model.price());
            metrics.record(model, CallOutcome.of(c), Duration.ofMillis(latency), usage, cost);
            ledger.finish(
                    callId,
                    LedgerCall.End.of(c, usage, cost, latency),
                    runtime.clock().millis());
            return new Reply.Made(c);
        } finally {
            budget.release(reservation.getAsDouble());
        }
    }

    /** The day's call was taken before: never send it again. */
    private Reply earlier(String day, LedgerCall c) {
        if (c.outcome() != null) {
            return new Reply.NotMade(
                    "the day's call was already made (" + c.outcome().wireName() + "); not sent again");
        }
        Instant alive = Instant.ofEpochMilli(c.startedAt()).plus(lease);
        if (runtime.clock().instant().isBefore(alive)) {
            return new Reply.Busy(
                    "the day's task writer call is in flight in " + c.caller() + " until at most " + alive);
        }
        if (ledger.markTaskWriterUnknown(day, runtime.clock().millis())) {
            log.warn(
                    "the task writer call for {} by {} never finished: marked unknown (it may have been billed); not sent again",
                    day,
                    c.caller());
        }
        return new Reply.NotMade("the day's call, started by " + c.caller()
                + ", was cut off in flight and is unknown (it may have been billed); not sent again");
    }
}
