package autobench.rating;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Test fixtures: hand-made and simulated votes. */
final class Votes {
    private Votes() {}

    static List<Vote> times(int n, String left, String right, Outcome outcome) {
        return Collections.nCopies(n, new Vote(left, right, outcome));
    }

    /** A vote on a given day in a given category. */
    static Vote on(String day, String category, String left, String right, Outcome outcome) {
        return new Vote(left, right, outcome, category, LocalDate.parse(day));
    }

    /**
     * Votes drawn from a Bradley–Terry model with the given natural-log strengths: random pairs,
     * random sides, a tie with probability tieRate, otherwise a win with the model's probability.
     */
    static List<Vote> simulate(long seed, double[] strengths, int count, double tieRate) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Vote> out = new ArrayList<>(count);
        int n = strengths.length;
        for (int k = 0; k < count; k++) {
            int i = rng.nextInt(n), j = rng.nextInt(n - 1);
            if (j >= i) j++;
            Outcome o;
            if (rng.nextDouble() < tieRate) {
                o = rng.nextBoolean() ? Outcome.TIE : Outcome.BOTH_BAD;
            } else {
                double pLeft = 1 / (1 + Math.exp(strengths[j] - strengths[i]));
                o = rng.nextDouble() < pLeft ? Outcome.LEFT : Outcome.RIGHT;
            }
            out.add(new Vote(name(i), name(j), o));
        }
        return out;
    }

    static String name(int i) {
        return String.format("m%02d", i);
    }

    static double rating(Leaderboard board, String model) {
        return row(board, model).rating();
    }

    static LeaderboardRow row(Leaderboard board, String model) {
        return board.rows().stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + model));
    }
}
