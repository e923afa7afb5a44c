package autobench.web;

import java.util.function.LongSupplier;

/**
 * The data version cached responses are checked against. Asks the database at most once per
 * interval, however many requests arrive; the vote path calls {@link #changed()} so a voter sees
 * the leaderboard move at once. With caching off, every call asks.
 */
final class DataVersion {
    private final LongSupplier source;
    private final LongSupplier clock;
    private final long intervalMs;
    private volatile long version;
    private volatile long checkedAt = Long.MIN_VALUE;

    DataVersion(LongSupplier source, LongSupplier clock, long intervalMs) {
        this.source = source;
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    long current() {
        long now = clock.getAsLong();
        if (now - checkedAt < intervalMs && checkedAt != Long.MIN_VALUE) return version;
        synchronized (this) {
            if (now - checkedAt >= intervalMs || checkedAt == Long.MIN_VALUE) {
                version = source.getAsLong();
                checkedAt = now;
            }
            return version;
        }
    }

    /** Whether a version is kept between calls at all (with caching off, every call asks the database). */
    boolean remembers() {
        return intervalMs > 0;
    }

    /** What {@link #ifFresh} answers when the version is due to be asked again. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /**
     * The version if it was asked within the interval, else {@link #UNKNOWN}; never asks the database itself,
     * so a thread that must not wait (Jetty's selector) can call it.
     */
    long ifFresh() {
        long at = checkedAt; // read before the version: current() writes the version first
        if (at == Long.MIN_VALUE || clock.getAsLong() - at >= intervalMs) return UNKNOWN;
        return version;
    }

    /** Something changed here (a vote): the next call asks the database. */
    void changed() {
        checkedAt = Long.MIN_VALUE;
    }
}
