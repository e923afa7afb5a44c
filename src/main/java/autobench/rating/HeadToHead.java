package autobench.rating;

/**
 * Every vote between two models, from {@link #a()}'s side: the cell of the head-to-head matrix.
 * {@code a} sorts before {@code b}; {@link #from(String)} turns it round.
 */
public record HeadToHead(String a, String b, int aWins, int bWins, int ties, int bothBad) {

    /** Battles between the two, ties and both-bad included. */
    public int battles() {
        return aWins + bWins + ties + bothBad;
    }

    /** Battles one of the two won outright. */
    public int decisive() {
        return aWins + bWins;
    }

    /**
     * The same cell seen from {@code model}'s side (it must be one of the two): its wins first.
     */
    public HeadToHead from(String model) {
        if (model.equals(a)) return this;
        if (model.equals(b)) return new HeadToHead(b, a, bWins, aWins, ties, bothBad);
        throw new IllegalArgumentException(model + " is neither " + a + " nor " + b);
    }

    /**
     * {@code a}'s share of the battles one side won outright (ties and both-bad left out, as they
     * say nothing about which is better); NaN when there were none.
     */
    public double aWinShare() {
        return decisive() == 0 ? Double.NaN : aWins / (double) decisive();
    }
}
