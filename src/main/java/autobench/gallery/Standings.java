package autobench.gallery;

import autobench.rating.Leaderboard;
import java.util.Map;

/**
 * A leaderboard for one pool of models (real or demo, never both) with the per-model columns the
 * votes alone cannot give.
 *
 * @param simulatedVotes how many of the votes came from the demo's simulated visitors
 * @param answers        per model: answer statistics over the same category and date window
 */
public record Standings(boolean demo, Leaderboard board, long simulatedVotes, Map<String, AnswerStats> answers) {

    /** Finished answers of one model: how many, how many ran cleanly, what they cost and how long they took. */
    public record AnswerStats(int finished, int succeeded, double avgCostUsd, double avgLatencyMs) {
        public double successRate() {
            return finished == 0 ? 0 : succeeded / (double) finished;
        }
    }
}
