package autobench.rating;

/**
 * How often a model was shown on each side. Sides are meant to be random, so leftShare should be
 * near 0.5; z and p come from the two-sided binomial test of share = 0.5 (normal approximation
 * with continuity correction), so a skew that would bias votes is visible.
 */
public record SideBalance(String model, int left, int right, double leftShare, double z, double p) {

    static SideBalance of(String model, int left, int right) {
        int n = left + right;
        if (n == 0) return new SideBalance(model, 0, 0, 0.5, 0, 1);
        double half = n / 2.0, sd = Math.sqrt(n / 4.0);
        double z = (left - half) / sd;
        double corrected = Math.max(0, Math.abs(left - half) - 0.5) / sd;
        return new SideBalance(model, left, right, left / (double) n, z, Math.min(1, erfc(corrected / Math.sqrt(2))));
    }

    /** Complementary error function, Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erfc(double x) {
        if (x < 0) return 2 - erfc(-x);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return poly * Math.exp(-x * x);
    }
}
