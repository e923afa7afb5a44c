package autobench.rating;

import java.util.Arrays;

/**
 * Online Elo: each vote moves both ratings once, in the order the votes arrive, which is why the
 * order of the input matters here (and only here). Models start at 1000; scale 400.
 */
final class Elo {
    static final double BASE = 1000;
    static final double SCALE = 400;
    private static final double LN10_OVER_SCALE = Math.log(10) / SCALE;

    private final double k;
    private double[] ratings = new double[16];

    Elo(double k) {
        this.k = k;
        Arrays.fill(ratings, BASE);
    }

    /** Applies one vote between model indices; weight scales the step (ties may count less). */
    void apply(int left, int right, Outcome outcome, double weight) {
        grow(Math.max(left, right) + 1);
        double expectedLeft = expected(ratings[left], ratings[right]);
        double scoreLeft = switch (outcome) {
            case LEFT -> 1.0;
            case RIGHT -> 0.0;
            case TIE, BOTH_BAD -> 0.5;
        };
        double delta = k * weight * (scoreLeft - expectedLeft);
        ratings[left] += delta;
        ratings[right] -= delta;
    }

    double rating(int model) {
        return model < ratings.length ? ratings[model] : BASE;
    }

    /** Probability that a player rated a beats one rated b under the Elo logistic curve. */
    static double expected(double a, double b) {
        return 1.0 / (1.0 + Math.exp((b - a) * LN10_OVER_SCALE));
    }

    private void grow(int n) {
        if (n <= ratings.length) return;
        int old = ratings.length;
        ratings = Arrays.copyOf(ratings, Math.max(n, old * 2));
        Arrays.fill(ratings, old, ratings.length, BASE);
    }
}
