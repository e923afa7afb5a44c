package autobench.bench;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider that fails some calls the way real APIs do, in front of one that answers (the demo
 * provider in the soak). Deterministic: whether the n-th call for a given (prompt, model) fails, and
 * how, depends only on the seed, the prompt, the model and n, not on thread timing.
 *
 * <p>Of all calls: 8 % are rate-limited (429, with a Retry-After of 2 s), 5 % overloaded (503), both
 * refused before any work and so retried by the dispatcher; 2 % are server errors (500) and 1 %
 * time out, which the dispatcher never retries (the provider may have done the work), so those
 * answers end failed or unknown and the day goes on without them.
 */
final class FaultyProvider implements Provider {
    static final double RATE_LIMITED = 0.08, OVERLOADED = 0.05, SERVER_ERROR = 0.02, TIMEOUT = 0.01;

    private final Provider inner;
    private final String model;
    private final long seed;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<FailureKind, AtomicLong> injected;

    /** @param injected where to count the faults handed out, by kind (shared by all models of a run) */
    FaultyProvider(Provider inner, String model, long seed, Map<FailureKind, AtomicLong> injected) {
        this.inner = inner;
        this.model = model;
        this.seed = seed;
        this.injected = injected;
    }

    @Override
    public Completion complete(Prompt prompt) {
        String key = prompt.user();
        int n = calls.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        double u = new SplittableRandom(seed
                        ^ (key.hashCode() * 0x9E3779B97F4A7C15L)
                        ^ ((long) model.hashCode() << 32)
                        ^ n * 0xBF58476D1CE4E5B9L)
                .nextDouble();
        FailureKind fault = u < RATE_LIMITED
                ? FailureKind.RATE_LIMITED
                : u < RATE_LIMITED + OVERLOADED
                        ? FailureKind.OVERLOADED
                        : u < RATE_LIMITED + OVERLOADED + SERVER_ERROR
                                ? FailureKind.SERVER_ERROR
                                : u < RATE_LIMITED + OVERLOADED + SERVER_ERROR + TIMEOUT ? FailureKind.TIMEOUT : null;
        if (fault == null) return inner.complete(prompt);
        injected.computeIfAbsent(fault, k -> new AtomicLong()).incrementAndGet();
        return switch (fault) {
            case RATE_LIMITED ->
                new Completion.Failed(
                        fault, "injected: rate limited", 429, Duration.ofSeconds(2), "{\"error\":\"rate_limited\"}");
            case OVERLOADED ->
                new Completion.Failed(fault, "injected: overloaded", 503, null, "{\"error\":\"overloaded\"}");
            case SERVER_ERROR ->
                new Completion.Failed(fault, "injected: server error", 500, null, "{\"error\":\"internal\"}");
            default -> new Completion.Failed(fault, "injected: no reply within the timeout", 0, null, "");
        };
    }
}
