package autobench.rating;

import java.util.Locale;

/**
 * What a visitor said about one battle. A closed vocabulary: anything else is rejected, because
 * silently counting an unknown value as a tie would bias every rating it touches.
 */
public enum Outcome {
    LEFT, RIGHT, TIE, BOTH_BAD;

    /** The name used in the JSON API, the vote export and the JSONL input ("left", "both_bad"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome seen from the other side: swapping the two answers turns LEFT into RIGHT. */
    public Outcome mirrored() {
        return switch (this) {
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            case TIE, BOTH_BAD -> this;
        };
    }

    /**
     * Parses a wire name. Only the four wire names are accepted (any letter case); there is no
     * default, no trimming and no synonyms such as "draw", so a typo in an export fails loudly.
     */
    public static Outcome parse(String s) {
        if (s == null) throw new IllegalArgumentException("outcome is missing (expected left, right, tie or both_bad)");
        Outcome o = exactly(s);
        if (o == null) o = exactly(s.toLowerCase(Locale.ROOT)); // the common lower-case spelling skips this
        if (o == null) {
            throw new IllegalArgumentException("unknown outcome '" + s + "' (expected left, right, tie or both_bad)");
        }
        return o;
    }

    private static Outcome exactly(String s) {
        return switch (s) {
            case "left" -> LEFT;
            case "right" -> RIGHT;
            case "tie" -> TIE;
            case "both_bad" -> BOTH_BAD;
            default -> null;
        };
    }
}
