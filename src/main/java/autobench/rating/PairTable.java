package autobench.rating;

import java.util.Arrays;

/**
 * Numbers the distinct (first, second) pairs of model indices as they are first seen: 0, 1, 2, …
 * An open-addressing hash table on primitive keys. A HashMap&lt;Long, …&gt; would box every lookup,
 * and Long's hash (high half XOR low half) puts every pair of small indices into a few buckets.
 */
final class PairTable {
    private static final long EMPTY = -1;

    private long[] keys = new long[64]; // power of two; EMPTY or first << 32 | second
    private int[] values = new int[64];
    private long[] byIndex = new long[32];
    private int size;

    PairTable() {
        Arrays.fill(keys, EMPTY);
    }

    /** The pair's number, giving it the next free one if it is new. */
    int indexOf(int first, int second) {
        long key = ((long) first << 32) | second;
        int mask = keys.length - 1;
        for (int h = spread(key) & mask; ; h = (h + 1) & mask) {
            if (keys[h] == key) return values[h];
            if (keys[h] == EMPTY) {
                if (size == byIndex.length) byIndex = Arrays.copyOf(byIndex, size * 2);
                byIndex[size] = key;
                keys[h] = key;
                values[h] = size;
                if (++size * 2 > keys.length) rehash();
                return size - 1;
            }
        }
    }

    int size() {
        return size;
    }

    int first(int index) {
        return (int) (byIndex[index] >>> 32);
    }

    int second(int index) {
        return (int) byIndex[index];
    }

    private void rehash() {
        keys = new long[keys.length * 2];
        values = new int[keys.length];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int i = 0; i < size; i++) {
            int h = spread(byIndex[i]) & mask;
            while (keys[h] != EMPTY) h = (h + 1) & mask;
            keys[h] = byIndex[i];
            values[h] = i;
        }
    }

    /** The 64-bit finaliser of SplitMix64; every key bit affects the bucket. */
    private static int spread(long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) >>> 32);
    }
}
