package autobench.rating;

import autobench.WireName;

/**
 * What a visitor said about one battle. A closed vocabulary: anything else is rejected, because
 * silently counting an unknown value as a tie would bias every rating it touches: it is read with
 * {@link WireName#parse}, which has no default, no trimming and no synonyms such as "draw".
 */
public enum Outcome implements WireName {
    LEFT,
    RIGHT,
    TIE,
    BOTH_BAD;

    /** The outcome seen from the other side: swapping the two answers turns LEFT into RIGHT. */
    public Outcome mirrored() {
        return switch (this) {
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            case TIE, BOTH_BAD -> this;
        };
    }
}
