package autobench.rating;

/**
 * One model's line on a leaderboard. rating, ciLow and ciHigh are Bradley–Terry on the Elo scale;
 * elo is the online Elo over the same votes, shown for continuity with the seed.
 *
 * @param rank        1 + the number of models whose interval lies entirely above this one's
 * @param votes       battles this model took part in (wins + losses + ties + bothBad)
 * @param winRate     wins / votes: the share of battles it won outright
 * @param provisional fewer votes than the configured threshold
 */
public record LeaderboardRow(
        String model,
        double rating,
        double ciLow,
        double ciHigh,
        int rank,
        int votes,
        int wins,
        int losses,
        int ties,
        int bothBad,
        double winRate,
        boolean provisional,
        double elo) {}
