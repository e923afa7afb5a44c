package autobench.web;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The data version cached responses are checked against. Asks the database at most once per
 * interval, however many requests arrive; the vote path calls {@link #changed()} so a voter sees
 * the leaderboard move at once. With caching off, every call asks.
 *
 * <p>No request waits for the routine check. Once the version is older than the interval but younger
 * than twice the interval, the first caller starts one read of the database aside ({@code refresher}:
 * a virtual thread each time) and every caller goes on with the version it has, until the read returns.
 * Before, the caller that found the version old asked the database while every other caller waited for
 * it on this object's lock: under load on PostgreSQL, once a second, every battle, vote and page that
 * needed the version waited for a handful of queries. Only a version never read, one announced as
 * {@linkplain #changed() changed}, or one left unread for two intervals (an idle site) is read before
 * answering, so the first request after a quiet spell still sees current data.
 */
final class DataVersion {
    private final LongSupplier source;
    private final LongSupplier clock;
    private final long intervalMs;
    private final Executor refresher;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long version;
    private volatile long checkedAt = Long.MIN_VALUE;

    DataVersion(LongSupplier source, LongSupplier clock, long intervalMs) {
        this(
                source,
                clock,
                intervalMs,
                r -> Thread.ofVirtual().name("autobench-data-version").start(r));
    }

    /** @param refresher runs the read aside (tests pass {@code Runnable::run} to have it happen in the caller) */
    DataVersion(LongSupplier source, LongSupplier clock, long intervalMs, Executor refresher) {
        this.source = source;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.refresher = refresher;
    }

    long current() {
        long now = clock.getAsLong();
        long at = checkedAt;
        if (at != Long.MIN_VALUE && now - at < intervalMs) return version;
        if (at != Long.MIN_VALUE && now - at < 2 * intervalMs) {
            refreshAside(now);
            return version;
        }
        synchronized (this) {
            if (now - checkedAt >= intervalMs || checkedAt == Long.MIN_VALUE) {
                version = source.getAsLong();
                checkedAt = now;
            }
            return version;
        }
    }

    /**
     * One read at a time, begun by whoever finds the version due. Its result counts only if nothing newer came
     * meanwhile: not after a {@linkplain #changed() change} (the time is then unset, or set by the read that
     * followed it), so a read begun before a vote cannot bring back the version the vote replaced.
     */
    private void refreshAside(long now) {
        if (!refreshing.compareAndSet(false, true)) return;
        try {
            refresher.execute(() -> {
                try {
                    long read = source.getAsLong();
                    synchronized (this) {
                        if (checkedAt != Long.MIN_VALUE && checkedAt < now) {
                            version = read; // before the time: ifFresh reads the time first
                            checkedAt = now;
                        }
                    }
                } catch (RuntimeException e) {
                    // The database did not answer: the version stays as it is, and once it is two intervals old
                    // the next request asks in its own thread and meets the error itself.
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (RuntimeException e) {
            refreshing.set(false); // the read could not even start: as above
        }
    }

    /** Whether a version is kept between calls at all (with caching off, every call asks the database). */
    boolean remembers() {
        return intervalMs > 0;
    }

    /** What {@link #ifFresh} answers when the version is due to be asked again. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /**
     * The version if it may still be used without asking the database first, else {@link #UNKNOWN}; never
     * waits itself (past the interval it only starts the read aside), so a thread that must not wait (Jetty's
     * selector) can call it.
     */
    long ifFresh() {
        long at = checkedAt; // read before the version: current() writes the version first
        if (at == Long.MIN_VALUE) return UNKNOWN;
        long now = clock.getAsLong();
        if (now - at < intervalMs) return version;
        if (now - at < 2 * intervalMs) {
            long v = version;
            refreshAside(now);
            return v;
        }
        return UNKNOWN;
    }

    /** Something changed here (a vote): the next call asks the database. */
    void changed() {
        synchronized (this) {
            checkedAt = Long.MIN_VALUE;
        }
    }
}
