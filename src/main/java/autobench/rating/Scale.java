package autobench.rating;

/**
 * From natural-log strengths to the Elo scale: 400/ln 10 points per unit, so that a 400-point gap
 * means 10:1 odds, as in Elo. Only differences are identified, so one point is pinned at 1000.
 */
final class Scale {
    static final double POINTS_PER_NAT = 400 / Math.log(10);
    static final double BASE = 1000;

    private Scale() {}

    /** anchor is the index of the model pinned at 1000, or -1 to pin the mean at 1000. */
    static double[] toElo(double[] theta, int anchor) {
        double ref = 0;
        if (anchor >= 0) {
            ref = theta[anchor];
        } else {
            for (double t : theta) ref += t;
            ref /= theta.length;
        }
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) out[i] = BASE + POINTS_PER_NAT * (theta[i] - ref);
        return out;
    }
}
