package autobench.rating;

import java.util.List;

/**
 * A computed table: rows best first, side balance per model (by model id), how many votes went
 * in, and the settings used, so a published table says how to reproduce it.
 */
public record Leaderboard(List<LeaderboardRow> rows, List<SideBalance> sides, long votes, RatingSettings settings) {

    public Leaderboard {
        rows = List.copyOf(rows);
        sides = List.copyOf(sides);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
