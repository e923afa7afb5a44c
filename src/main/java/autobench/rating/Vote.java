package autobench.rating;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One visitor's verdict on one battle between two models' answers to the same task.
 *
 * @param left     model id of the answer shown on the left
 * @param right    model id of the answer shown on the right (never the same model)
 * @param outcome  the verdict
 * @param category the task's category wire name, or null when unknown
 * @param date     the arena day the task was published, or null when unknown; date windows
 *                 filter on this, so a late vote on an old task still belongs to the old day
 */
public record Vote(String left, String right, Outcome outcome, String category, LocalDate date) {

    public Vote {
        requireId(left, "left");
        requireId(right, "right");
        Objects.requireNonNull(outcome, "outcome");
        if (left.equals(right)) {
            throw new IllegalArgumentException("a model cannot battle itself: left and right are both '" + left + "'");
        }
    }

    public Vote(String left, String right, Outcome outcome) {
        this(left, right, outcome, null, null);
    }

    /** The same verdict with the two sides swapped; ratings must not change under this. */
    public Vote mirrored() {
        return new Vote(right, left, outcome.mirrored(), category, date);
    }

    private static void requireId(String id, String side) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException(side + " model id is missing");
    }
}
