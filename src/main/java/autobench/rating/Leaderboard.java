package autobench.rating;

import java.util.List;

/**
 * A computed table: rows best first, side balance per model (by model id), how many votes went
 * in, the settings used, so a published table says how to reproduce it, and every pair of models
 * that met (the head-to-head matrix, from the same votes).
 */
public record Leaderboard(
        List<LeaderboardRow> rows,
        List<SideBalance> sides,
        long votes,
        RatingSettings settings,
        List<HeadToHead> pairs) {

    public Leaderboard {
        rows = List.copyOf(rows);
        sides = List.copyOf(sides);
        pairs = List.copyOf(pairs);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Too few votes to read as a ranking: at least half of its models are provisional (fewer than
     * {@link RatingSettings#provisionalBelow()} votes each), so the median model is. One
     * well-voted newcomer does not make a settled board provisional; three votes among three
     * models do.
     */
    public boolean provisional() {
        long few = rows.stream().filter(LeaderboardRow::provisional).count();
        return !rows.isEmpty() && 2 * few >= rows.size();
    }

    /** The votes between two models, from {@code model}'s side; all zero when they never met. A scan: for one cell. */
    public HeadToHead between(String model, String other) {
        String a = model.compareTo(other) < 0 ? model : other, b = a.equals(model) ? other : model;
        for (HeadToHead h : pairs) if (h.a().equals(a) && h.b().equals(b)) return h.from(model);
        return new HeadToHead(model, other, 0, 0, 0, 0);
    }
}
