package autobench.leaderboard;

import autobench.rating.Leaderboard;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writes the daily snapshot: the leaderboard as it stood at the end of a day (votes cast before
 * then), overall and per category. Idempotent: a day's snapshot is recomputed from the same votes.
 */
public final class RatingHistory {
    private final SnapshotStore store;
    private final RatingSettings settings;
    private final Clock clock;

    public RatingHistory(SnapshotStore store, RatingSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param castBeforeEndOfDay the real-model votes cast before the end of {@code day}, in the order cast
     * @return the number of models in the overall snapshot
     */
    public int record(LocalDate day, List<Vote> castBeforeEndOfDay) {
        if (castBeforeEndOfDay.isEmpty()) return 0;
        Leaderboard all = Ratings.leaderboard(castBeforeEndOfDay, VoteFilter.ALL, settings);
        store.store(day, "all", all, clock.millis());
        for (Map.Entry<String, Leaderboard> e :
                Ratings.byCategory(castBeforeEndOfDay, VoteFilter.ALL, settings).entrySet()) {
            store.store(day, "category:" + e.getKey(), e.getValue(), clock.millis());
        }
        return all.rows().size();
    }
}
