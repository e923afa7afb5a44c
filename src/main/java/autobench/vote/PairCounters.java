package autobench.vote;

import autobench.vote.PairPicker.Pair;
import autobench.vote.VoteStore.PairCount;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Battles per model pair, as the pair picker weighs them, in memory and in constant time per
 * battle: the votes each pair has had (the {@code pair_counts} table, raised by every vote and read
 * again at most every few seconds, so the votes of other processes show up) plus the tickets this
 * process handed out within a battle's lifetime and has not seen voted. Counting open tickets keeps
 * visitors who arrive together from all getting the same least-voted pair; letting them age out keeps
 * a crawler that only fetches battles from starving the pairs it was shown for longer than a lifetime.
 *
 * <p>{@link Battles} calls {@link #refreshIfStale} first, without a lock, then {@link #weight},
 * {@link #shown} and {@link #voted} under its lock on this object.
 */
final class PairCounters {
    private static final long REFRESH_NANOS = 5_000_000_000L;
    /** Open tickets are counted in this many time slots across one battle lifetime. */
    private static final int SLOTS = 60;

    private final Supplier<List<PairCount>> load;
    private final long slotMillis;
    private final long refreshNanos;
    private Map<Pair, Long> voted = new HashMap<>();
    private volatile long loadedAtNanos;
    private volatile boolean loaded;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object firstLoad = new Object();
    private final Map<Pair, Slots> open = new HashMap<>();

    PairCounters(Supplier<List<PairCount>> load, long lifetimeMillis) {
        this(load, lifetimeMillis, REFRESH_NANOS);
    }

    /** @param refreshNanos how old the counts may get before the table is read again */
    PairCounters(Supplier<List<PairCount>> load, long lifetimeMillis, long refreshNanos) {
        this.load = load;
        this.slotMillis = Math.max(1, lifetimeMillis / SLOTS);
        this.refreshNanos = refreshNanos;
    }

    /** A ring of per-slot counts; a slot holding an older epoch is empty. */
    private static final class Slots {
        final long[] epoch = new long[SLOTS];
        final long[] count = new long[SLOTS];

        Slots() {
            Arrays.fill(epoch, Long.MIN_VALUE);
        }
    }

    /** The weight of a pair at {@code now}: votes plus open tickets. Fewer is picked first. */
    long weight(Pair pair, long now) {
        long w = voted.getOrDefault(pair, 0L);
        Slots s = open.get(pair);
        if (s != null) {
            long current = Math.floorDiv(now, slotMillis);
            for (int i = 0; i < SLOTS; i++) {
                if (s.epoch[i] > current - SLOTS && s.epoch[i] <= current) w += s.count[i];
            }
        }
        return w;
    }

    void shown(Pair pair, long issuedAt) {
        long epoch = Math.floorDiv(issuedAt, slotMillis);
        int slot = (int) Math.floorMod(epoch, (long) SLOTS);
        Slots s = open.computeIfAbsent(pair, k -> new Slots());
        if (s.epoch[slot] != epoch) {
            s.epoch[slot] = epoch;
            s.count[slot] = 0;
        }
        s.count[slot]++;
    }

    /** A vote on a ticket issued at {@code issuedAt}: no longer open, now a vote (until the next read agrees). */
    void voted(Pair pair, long issuedAt) {
        voted.merge(pair, 1L, Long::sum);
        Slots s = open.get(pair);
        if (s == null) return; // issued by another process
        long epoch = Math.floorDiv(issuedAt, slotMillis);
        int slot = (int) Math.floorMod(epoch, (long) SLOTS);
        if (s.epoch[slot] == epoch && s.count[slot] > 0) s.count[slot]--;
    }

    /**
     * Reads the table again if the counts are older than the refresh interval. Called before taking
     * the lock, never under it: on a busy database the read can take a while, and the battles being
     * issued meanwhile go on with the counts they have (one caller reads; the first read is waited for).
     */
    void refreshIfStale() {
        long t = System.nanoTime();
        if (loaded && t - loadedAtNanos < refreshNanos) return;
        if (!refreshing.compareAndSet(false, true)) {
            if (loaded) return;
            synchronized (firstLoad) { // nothing to go on yet: wait for the caller that is reading
                while (!loaded && refreshing.get()) {
                    try {
                        firstLoad.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            return;
        }
        try {
            Map<Pair, Long> fresh = new HashMap<>();
            for (PairCount c : load.get()) fresh.merge(Pair.of(c.leftModel(), c.rightModel()), c.battles(), Long::sum);
            synchronized (this) { // the lock Battles holds around weight, shown and voted
                voted = fresh;
            }
            loadedAtNanos = t;
            loaded = true;
        } finally {
            refreshing.set(false);
            synchronized (firstLoad) {
                firstLoad.notifyAll();
            }
        }
    }
}
