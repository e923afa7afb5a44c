package autobench.rating;

import java.util.SplittableRandom;

/**
 * A Poisson distribution with a fixed mean, set up once so that each draw is cheap: the bootstrap
 * draws from the same few hundred means millions of times. Up to {@link #TABLE_LIMIT} a draw is one
 * uniform through Walker's alias table over mean ± (10 sd + 10): the mass left out is below 1e-20,
 * far under what a 53-bit uniform can resolve. Larger means use the transformed rejection method
 * "PTRS" of W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993) 39–45, whose cost does not grow with the mean.
 */
final class Poisson {
    static final double TABLE_LIMIT = 1000;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double[] LOG_FACTORIAL = new double[16];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }

    private final double mean;
    private final int low; // alias table: outcome low + i
    private final double[] keep; // probability of keeping i rather than taking alias[i]
    private final int[] alias;
    private final double logMean, a, b, inverseAlpha, acceptAtOnce; // PTRS constants

    Poisson(double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) throw new IllegalArgumentException("Poisson mean " + mean);
        this.mean = mean;
        logMean = Math.log(mean);
        b = 0.931 + 2.53 * Math.sqrt(mean);
        a = -0.059 + 0.02483 * b;
        inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        acceptAtOnce = 0.9277 - 3.6224 / (b - 2);
        if (mean > 0 && mean <= TABLE_LIMIT) {
            double spread = 10 * Math.sqrt(mean) + 10;
            low = (int) Math.max(0, Math.floor(mean - spread));
            int size = (int) Math.ceil(mean + spread) - low + 1;
            keep = new double[size];
            alias = new int[size];
            buildAliasTable();
        } else {
            low = 0;
            keep = null;
            alias = null;
        }
    }

    long sample(SplittableRandom rng) {
        if (keep != null) {
            double u = rng.nextDouble() * keep.length;
            int i = Math.min((int) u, keep.length - 1);
            return low + (u - i < keep[i] ? i : alias[i]);
        }
        return mean == 0 ? 0 : byRejection(rng);
    }

    /** Vose's construction: pair each under-full column with an over-full one. */
    private void buildAliasTable() {
        int n = keep.length;
        double[] scaled = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = Math.exp(-mean + (low + i) * logMean - logFactorial(low + i));
            total += scaled[i];
        }
        int[] small = new int[n], large = new int[n];
        int ns = 0, nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] *= n / total;
            if (scaled[i] < 1) small[ns++] = i;
            else large[nl++] = i;
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns], l = large[--nl];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) small[ns++] = l;
            else large[nl++] = l;
        }
        while (nl > 0) keep[large[--nl]] = 1;
        while (ns > 0) keep[small[--ns]] = 1; // only rounding leaves columns here
    }

    private long byRejection(SplittableRandom rng) {
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= acceptAtOnce) return k; // the common case: no logarithms
            if (k < 0 || (us < 0.013 && v > us)) continue;
            double lhs = Math.log(v * inverseAlpha / (a / (us * us) + b));
            if (lhs <= -mean + k * logMean - logFactorial(k)) return k;
        }
    }

    /** log(k!) from a table for small k and Stirling's series (error below 1e-11 from k = 16 on). */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
        double x = k;
        double inv = 1 / x, inv2 = inv * inv;
        return x * Math.log(x)
                - x
                + 0.5 * Math.log(x)
                + HALF_LOG_TWO_PI
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}
