package autobench.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values read from the database, remembered until the data version changes: the few rows the battle
 * page and the vote's reveal need per request (a task's heading). Bounded: past {@code maxEntries}
 * it starts over, so no sequence of keys can grow it.
 */
final class VersionedMemo<K, V> {
    private record Generation<K, V>(long version, Map<K, Optional<V>> values) {}

    private final LongSupplier version;
    private final Function<K, Optional<V>> load;
    private final int maxEntries;
    private volatile Generation<K, V> current = new Generation<>(DataVersion.UNKNOWN, new ConcurrentHashMap<>());

    VersionedMemo(LongSupplier version, Function<K, Optional<V>> load, int maxEntries) {
        this.version = version;
        this.load = load;
        this.maxEntries = maxEntries;
    }

    /**
     * The value remembered for {@code key} under {@code version}, or null when none is (another version, or not
     * read yet). Never reads: for a thread that must not wait.
     */
    Optional<V> ifKnown(long version, K key) {
        Generation<K, V> g = current;
        return g.version() == version ? g.values().get(key) : null;
    }

    Optional<V> get(K key) {
        long v = version.getAsLong(); // before the read, as EligibleAnswers does: a change during it is read again
        Generation<K, V> g = current;
        if (g.version() != v || g.values().size() >= maxEntries) {
            g = new Generation<>(v, new ConcurrentHashMap<>());
            current = g;
        }
        Optional<V> known = g.values().get(key);
        if (known != null) return known;
        Optional<V> read = load.apply(key);
        g.values().put(key, read);
        return read;
    }
}
