package autobench.gallery;

import autobench.rating.DayRatings;
import autobench.rating.Leaderboard;
import java.util.List;
import java.util.Map;

/**
 * A leaderboard for one pool of votes, never mixed with another: people's votes on real models,
 * people's votes on demo models, or the demo's simulated visitors' votes (always on demo models).
 *
 * @param pool    {@link #REAL}, {@link #DEMO} or {@link #SIMULATED}
 * @param answers  per model: answer statistics over the same category and date window
 * @param overTime every model's rating at the end of each day with votes, from the same votes
 *                 ({@code Ratings.overTime})
 */
public record Standings(String pool, Leaderboard board, Map<String, AnswerStats> answers, List<DayRatings> overTime) {
    public static final String REAL = "real";
    public static final String DEMO = "demo";
    public static final String SIMULATED = "simulated";

    /** The pool a stored vote belongs to. */
    public static String poolOf(boolean demo, boolean simulated) {
        return simulated ? SIMULATED : demo ? DEMO : REAL;
    }

    public boolean demoModels() {
        return !pool.equals(REAL);
    }

    /** Too few votes to read as a ranking ({@link Leaderboard#provisional()}): shown below the others. */
    public boolean provisional() {
        return board.provisional();
    }

    /** Finished answers of one model: how many, how many ran cleanly, what they cost and how long they took. */
    public record AnswerStats(int finished, int succeeded, double avgCostUsd, double avgLatencyMs) {
        public double successRate() {
            return finished == 0 ? 0 : succeeded / (double) finished;
        }
    }
}
