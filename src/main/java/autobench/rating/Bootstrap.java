package autobench.rating;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Percentile bootstrap intervals for the Bradley–Terry ratings. Each round gives every vote an
 * independent Poisson(1) weight (the "Poisson bootstrap"); summed over the votes in one cell of
 * the pair table that is a single Poisson(count) draw, so a round costs one draw per non-empty
 * cell and memory follows the number of pairs, not votes. Rounds run in parallel; each has its own
 * seed drawn up front from the master seed, so the result does not depend on thread scheduling.
 */
final class Bootstrap {
    private static final int CHUNKS = 64;

    private Bootstrap() {}

    /** Returns {low[], high[]} on the Elo scale, anchored as the point estimate is. */
    static double[][] intervals(PairCounts pc, RatingSettings s, double[] thetaHat, int anchor) {
        int n = pc.size(), rounds = s.rounds();
        long[] seeds = new long[rounds];
        SplittableRandom master = new SplittableRandom(s.seed());
        for (int r = 0; r < rounds; r++) seeds[r] = master.nextLong();
        Cells cells = new Cells(pc, s);
        double[] samples = new double[n * rounds]; // model-major: samples[i * rounds + r]
        int chunks = Math.min(CHUNKS, rounds);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            BradleyTerry solver = new BradleyTerry(n);
            double[] wa = new double[pc.pairs()], wb = new double[pc.pairs()], theta = new double[n];
            for (int r = c; r < rounds; r += chunks) {
                cells.resample(new SplittableRandom(seeds[r]), wa, wb);
                System.arraycopy(thetaHat, 0, theta, 0, n);
                if (solver.fit(pc.a(), pc.b(), wa, wb, s.prior(), theta) < 0) {
                    throw new IllegalStateException("bootstrap round " + r + " has no finite Bradley–Terry estimate; "
                            + "use a positive prior");
                }
                double[] elo = Scale.toElo(theta, anchor);
                for (int i = 0; i < n; i++) samples[i * rounds + r] = elo[i];
            }
        });
        double tail = (1 - s.confidence()) / 2;
        double[] low = new double[n], high = new double[n];
        for (int i = 0; i < n; i++) {
            double[] mine = Arrays.copyOfRange(samples, i * rounds, (i + 1) * rounds);
            Arrays.sort(mine);
            low[i] = quantile(mine, tail);
            high[i] = quantile(mine, 1 - tail);
        }
        return new double[][] {low, high};
    }

    /**
     * One Poisson distribution per cell of the pair table. With equal weights ties and both-bad
     * share a cell (a sum of Poisson counts is Poisson), which saves a quarter of the draws.
     */
    private static final class Cells {
        private final Poisson[] aWins, bWins, shared, bothBad;
        private final double sharedWeight, bothBadWeight;

        Cells(PairCounts pc, RatingSettings s) {
            int p = pc.pairs();
            boolean merge = s.tieWeight() == s.bothBadWeight();
            Map<Integer, Poisson> byCount = new HashMap<>(); // counts repeat a lot: share the set-up
            IntFunction<Poisson> poisson = count -> byCount.computeIfAbsent(count, Poisson::new);
            aWins = new Poisson[p];
            bWins = new Poisson[p];
            shared = new Poisson[p];
            bothBad = merge ? null : new Poisson[p];
            for (int i = 0; i < p; i++) {
                aWins[i] = poisson.apply(pc.aWins()[i]);
                bWins[i] = poisson.apply(pc.bWins()[i]);
                shared[i] = poisson.apply(pc.ties()[i] + (merge ? pc.bothBad()[i] : 0));
                if (!merge) bothBad[i] = poisson.apply(pc.bothBad()[i]);
            }
            sharedWeight = 0.5 * s.tieWeight();
            bothBadWeight = 0.5 * s.bothBadWeight();
        }

        void resample(SplittableRandom rng, double[] wa, double[] wb) {
            for (int p = 0; p < aWins.length; p++) {
                double half = sharedWeight * shared[p].sample(rng);
                if (bothBad != null) half += bothBadWeight * bothBad[p].sample(rng);
                wa[p] = aWins[p].sample(rng) + half;
                wb[p] = bWins[p].sample(rng) + half;
            }
        }
    }

    /** Linear interpolation between order statistics (the usual "type 7" definition). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
