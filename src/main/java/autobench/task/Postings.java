package autobench.task;

import java.util.Arrays;

/**
 * For each feature hash, the ids of the tasks that have it. An open-addressing table on primitive
 * longs: a boxed {@code HashMap<Long, …>} spent most of the index's build time allocating.
 */
final class Postings {
    private static final int[] NONE = new int[1];

    private long[] keys = new long[1 << 12];
    private int[][] lists = new int[1 << 12][];
    private int size;

    /** Records that task {@code id} has {@code feature}. */
    void add(long feature, int id) {
        if ((size + 1) * 2 > keys.length) grow();
        int slot = slot(keys, lists, feature);
        int[] list = lists[slot];
        if (list == null) {
            keys[slot] = feature;
            list = new int[4];
            size++;
        } else if (list[0] + 1 == list.length) {
            list = Arrays.copyOf(list, list.length * 2);
        }
        // list[0] holds the count; ids follow.
        list[++list[0]] = id;
        lists[slot] = list;
    }

    /** The ids having {@code feature}, as a count-prefixed array (never null; do not modify). */
    int[] get(long feature) {
        int[] list = lists[slot(keys, lists, feature)];
        return list == null ? NONE : list;
    }

    private static int slot(long[] keys, int[][] lists, long feature) {
        int mask = keys.length - 1;
        int i = (int) (feature ^ (feature >>> 32)) & mask;
        while (lists[i] != null && keys[i] != feature) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[][] oldLists = lists;
        keys = new long[oldKeys.length * 2];
        lists = new int[oldKeys.length * 2][];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldLists[i] == null) continue;
            int s = slot(keys, lists, oldKeys[i]);
            keys[s] = oldKeys[i];
            lists[s] = oldLists[i];
        }
    }
}
