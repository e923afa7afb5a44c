package autobench.provider;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every call that reaches an adapter. The wiring wraps each adapter in one of these around
 * one shared counter, so a process can show (and tests can assert) how many model calls it made,
 * for instance none while it only served visitors.
 */
public final class CountingProvider implements Provider {
    private final Provider inner;
    private final AtomicLong counter;

    public CountingProvider(Provider inner, AtomicLong counter) {
        this.inner = inner;
        this.counter = counter;
    }

    @Override
    public Completion complete(Prompt prompt) {
        counter.incrementAndGet();
        return inner.complete(prompt);
    }
}
