package autobench.rating;

/**
 * Every knob the leaderboard depends on, so that a published table names exactly how it was
 * computed and anyone can reproduce it. {@link #DEFAULTS} is what the site uses.
 *
 * @param eloK             online Elo step size K
 * @param tieWeight        how many games a TIE counts as; each side gets half of it as a win (0 ignores ties)
 * @param bothBadWeight    the same for BOTH_BAD
 * @param prior            L2 penalty on Bradley–Terry log-strengths (natural-log units); keeps an
 *                         undefeated model finite. Zero means plain maximum likelihood.
 * @param anchor           model whose rating is pinned at 1000, or null to pin the mean at 1000
 * @param rounds           bootstrap rounds for the intervals; 0 means no intervals (low = high = rating)
 * @param seed             bootstrap seed; the same votes and seed give the same table
 * @param confidence       two-sided interval coverage, e.g. 0.95
 * @param provisionalBelow a model with fewer votes than this is marked provisional
 */
public record RatingSettings(
        double eloK,
        double tieWeight,
        double bothBadWeight,
        double prior,
        String anchor,
        int rounds,
        long seed,
        double confidence,
        int provisionalBelow) {

    public static final RatingSettings DEFAULTS = new RatingSettings(32, 1.0, 1.0, 0.01, null, 1000, 1L, 0.95, 30);

    public RatingSettings {
        if (!(eloK > 0) || Double.isInfinite(eloK))
            throw new IllegalArgumentException("Elo K must be positive and finite, got " + eloK);
        if (!(tieWeight >= 0) || Double.isInfinite(tieWeight))
            throw new IllegalArgumentException("tie weight must be >= 0, got " + tieWeight);
        if (!(bothBadWeight >= 0) || Double.isInfinite(bothBadWeight))
            throw new IllegalArgumentException("both-bad weight must be >= 0, got " + bothBadWeight);
        if (!(prior >= 0) || Double.isInfinite(prior))
            throw new IllegalArgumentException("prior must be >= 0 and finite, got " + prior);
        if (anchor != null && anchor.isBlank()) anchor = null;
        if (rounds < 0) throw new IllegalArgumentException("bootstrap rounds must be >= 0, got " + rounds);
        if (!(confidence > 0 && confidence < 1))
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        if (provisionalBelow < 0)
            throw new IllegalArgumentException("provisional threshold must be >= 0, got " + provisionalBelow);
    }

    public RatingSettings withEloK(double k) {
        return new RatingSettings(
                k, tieWeight, bothBadWeight, prior, anchor, rounds, seed, confidence, provisionalBelow);
    }

    public RatingSettings withTieWeights(double tie, double bothBad) {
        return new RatingSettings(eloK, tie, bothBad, prior, anchor, rounds, seed, confidence, provisionalBelow);
    }

    public RatingSettings withPrior(double p) {
        return new RatingSettings(
                eloK, tieWeight, bothBadWeight, p, anchor, rounds, seed, confidence, provisionalBelow);
    }

    public RatingSettings withAnchor(String model) {
        return new RatingSettings(
                eloK, tieWeight, bothBadWeight, prior, model, rounds, seed, confidence, provisionalBelow);
    }

    public RatingSettings withRounds(int n) {
        return new RatingSettings(eloK, tieWeight, bothBadWeight, prior, anchor, n, seed, confidence, provisionalBelow);
    }

    public RatingSettings withSeed(long s) {
        return new RatingSettings(
                eloK, tieWeight, bothBadWeight, prior, anchor, rounds, s, confidence, provisionalBelow);
    }

    public RatingSettings withConfidence(double c) {
        return new RatingSettings(eloK, tieWeight, bothBadWeight, prior, anchor, rounds, seed, c, provisionalBelow);
    }

    public RatingSettings withProvisionalBelow(int n) {
        return new RatingSettings(eloK, tieWeight, bothBadWeight, prior, anchor, rounds, seed, confidence, n);
    }

    /** How many games one vote with this outcome counts as (1 for a decisive vote). */
    double weight(Outcome o) {
        return switch (o) {
            case LEFT, RIGHT -> 1.0;
            case TIE -> tieWeight;
            case BOTH_BAD -> bothBadWeight;
        };
    }
}
