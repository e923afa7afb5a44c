package autobench.rating;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Votes folded into counts as they arrive: per ordered (left, right) pair, how often each outcome
 * happened, plus the running Elo. Memory grows with the number of models and distinct pairs, never
 * with the number of votes, so a million-line export can be streamed through one of these.
 * Not thread-safe; one reader fills it, then {@link Ratings#leaderboard(Tally)} reads it.
 */
public final class Tally {
    private final RatingSettings settings;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final PairTable cells = new PairTable(); // ordered (left, right) pairs
    private int[] counts = new int[4 * 64]; // 4 per pair, indexed by Outcome.ordinal()
    private final Elo elo;
    private long votes;

    public Tally(RatingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.elo = new Elo(settings.eloK());
    }

    /** Counts one vote. Votes must arrive in the order they were cast: Elo depends on it. */
    public void add(Vote v) {
        int l = intern(v.left());
        int r = intern(v.right());
        int cell = cells.indexOf(l, r);
        if (4 * cell >= counts.length) counts = Arrays.copyOf(counts, counts.length * 2);
        counts[4 * cell + v.outcome().ordinal()]++;
        elo.apply(l, r, v.outcome(), settings.weight(v.outcome()));
        votes++;
    }

    public long votes() {
        return votes;
    }

    public int models() {
        return ids.size();
    }

    /** Number of distinct ordered (left, right) pairs seen; what the memory use follows. */
    public int orderedPairs() {
        return cells.size();
    }

    public RatingSettings settings() {
        return settings;
    }

    List<String> ids() {
        return ids;
    }

    double elo(int model) {
        return elo.rating(model);
    }

    /** Visits every ordered pair: (left, right, counts by outcome ordinal). */
    void forEachCell(CellVisitor visitor) {
        for (int c = 0; c < cells.size(); c++) visitor.visit(cells.first(c), cells.second(c), counts, 4 * c);
    }

    interface CellVisitor {
        /** counts[at + Outcome.ordinal()] is how often that outcome happened for this pair. */
        void visit(int left, int right, int[] counts, int at);
    }

    private int intern(String id) {
        Integer i = index.get(id);
        if (i != null) return i;
        int n = ids.size();
        index.put(id, n);
        ids.add(id);
        return n;
    }
}
