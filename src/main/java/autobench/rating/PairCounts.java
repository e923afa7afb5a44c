package autobench.rating;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The tally in canonical form: models sorted by id, unordered pairs (a < b) sorted too. Everything
 * after this point is therefore independent of the order the votes arrived in, bit for bit.
 * Sides are folded away here (Bradley–Terry ignores them); the side counts are kept per model for
 * the fairness figures.
 */
record PairCounts(
        List<String> models,
        int[] a,
        int[] b,
        int[] aWins,
        int[] bWins,
        int[] ties,
        int[] bothBad,
        int[] leftSide,
        int[] rightSide,
        double[] elo) {

    static PairCounts of(Tally tally) {
        List<String> ids = tally.ids();
        int n = ids.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing(ids::get));
        int[] canon = new int[n];
        List<String> models = new ArrayList<>(n);
        double[] elo = new double[n];
        for (int c = 0; c < n; c++) {
            canon[order[c]] = c;
            models.add(ids.get(order[c]));
            elo[c] = tally.elo(order[c]);
        }
        // one row per unordered pair: {a, b, aWins, bWins, ties, bothBad}
        PairTable pairs = new PairTable();
        List<int[]> rows = new ArrayList<>();
        int[] left = new int[n];
        int[] right = new int[n];
        tally.forEachCell((l, r, counts, at) -> {
            int cl = canon[l], cr = canon[r];
            int lefts = counts[at + Outcome.LEFT.ordinal()], rights = counts[at + Outcome.RIGHT.ordinal()];
            int ties = counts[at + Outcome.TIE.ordinal()], bothBad = counts[at + Outcome.BOTH_BAD.ordinal()];
            left[cl] += lefts + rights + ties + bothBad;
            right[cr] += lefts + rights + ties + bothBad;
            int lo = Math.min(cl, cr), hi = Math.max(cl, cr);
            int p = pairs.indexOf(lo, hi);
            if (p == rows.size()) rows.add(new int[] {lo, hi, 0, 0, 0, 0});
            int[] row = rows.get(p);
            boolean leftIsA = cl == lo;
            row[2] += leftIsA ? lefts : rights;
            row[3] += leftIsA ? rights : lefts;
            row[4] += ties;
            row[5] += bothBad;
        });
        int[][] sorted = rows.toArray(int[][]::new);
        Arrays.sort(sorted, Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]));
        int p = sorted.length;
        int[][] cols = new int[6][p];
        for (int i = 0; i < p; i++) for (int c = 0; c < 6; c++) cols[c][i] = sorted[i][c];
        return new PairCounts(
                List.copyOf(models), cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], left, right, elo);
    }

    int size() {
        return models.size();
    }

    int pairs() {
        return a.length;
    }

    /** Per model: {wins, losses, ties, bothBad}. */
    int[][] perModel() {
        int[][] out = new int[size()][4];
        for (int p = 0; p < pairs(); p++) {
            out[a[p]][0] += aWins[p];
            out[a[p]][1] += bWins[p];
            out[b[p]][0] += bWins[p];
            out[b[p]][1] += aWins[p];
            out[a[p]][2] += ties[p];
            out[b[p]][2] += ties[p];
            out[a[p]][3] += bothBad[p];
            out[b[p]][3] += bothBad[p];
        }
        return out;
    }
}
