package autobench.rating;

import java.util.SplittableRandom;

/**
 * A Poisson distribution with a fixed mean, set up once so that each draw is cheap: the bootstrap
 * draws from the same few thousand means a thousand times. Small means use the product-of-uniforms
 * method (mean + 1 uniforms on average); larger means use the transformed rejection method "PTRS" of
 * W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993) 39–45, whose cost does not grow with the mean.
 */
final class Poisson {
    private static final double SMALL = 10;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double[] LOG_FACTORIAL = new double[16];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }

    private final double mean, expMinusMean, logMean, a, b, inverseAlpha, acceptAtOnce;

    Poisson(double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) throw new IllegalArgumentException("Poisson mean " + mean);
        this.mean = mean;
        expMinusMean = Math.exp(-mean);
        logMean = Math.log(mean);
        b = 0.931 + 2.53 * Math.sqrt(mean);
        a = -0.059 + 0.02483 * b;
        inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        acceptAtOnce = 0.9277 - 3.6224 / (b - 2);
    }

    long sample(SplittableRandom rng) {
        if (mean == 0) return 0;
        return mean < SMALL ? byProduct(rng) : byRejection(rng);
    }

    private long byProduct(SplittableRandom rng) {
        double product = rng.nextDouble();
        long k = 0;
        while (product > expMinusMean) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
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
        return x * Math.log(x) - x + 0.5 * Math.log(x) + HALF_LOG_TWO_PI
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}
