package autobench.web;

import autobench.gallery.Gallery;
import autobench.gallery.Standings;
import autobench.rating.LeaderboardRow;
import autobench.rating.VoteFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Each model's rating as the leaderboard shows it now, for the reveal after a vote and the
 * visitor's own votes. People's votes only (a demo model's from the demo pool, a real model's from
 * the real one), never the simulated visitors'. Computed once per {@link Gallery#dataVersion()}:
 * the boards change only when a revealed vote arrives or a day is revealed, and a reveal after
 * every vote must not re-run the bootstrap each time. Where every vote counts at once
 * ({@code reveal_after_days: 0}) each vote is a new version; then the ratings may lag behind by at
 * most twenty times what computing them costs (capped at ten seconds), so a busy arena with many
 * votes does not pay for a bootstrap on every vote while a small one stays exact.
 */
final class CurrentRatings {
    private final LongSupplier dataVersion;
    private final Supplier<List<Standings>> standings;
    private final LongSupplier nanoTime;
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(10);
    private long version = Long.MIN_VALUE;
    private Map<String, Pages.Rating> ratings = Map.of();
    private long computedAt;
    private long cost;

    CurrentRatings(Gallery gallery) {
        this(gallery::dataVersion, () -> gallery.standings(VoteFilter.ALL), System::nanoTime);
    }

    CurrentRatings(LongSupplier dataVersion, Supplier<List<Standings>> standings, LongSupplier nanoTime) {
        this.dataVersion = dataVersion;
        this.standings = standings;
        this.nanoTime = nanoTime;
    }

    /**
     * The model's current rating, or null while no counted vote includes it. A model the last
     * computation did not know is looked up afresh when the data changed since: a reveal never says
     * "no rating yet" for a model that has one.
     */
    Pages.Rating of(String model) {
        if (model == null) return null;
        Pages.Rating r = all().get(model);
        return r != null ? r : ratings(true).get(model);
    }

    Map<String, Pages.Rating> all() {
        return ratings(false);
    }

    private synchronized Map<String, Pages.Rating> ratings(boolean eager) {
        long now = dataVersion.getAsLong();
        long started = nanoTime.getAsLong();
        boolean due = eager || version == Long.MIN_VALUE || started - computedAt >= Math.min(MAX_LAG_NANOS, 20 * cost);
        if (now != version && due) {
            Map<String, Pages.Rating> out = new HashMap<>();
            for (Standings s : standings.get()) {
                if (s.pool().equals(Standings.SIMULATED)) continue;
                for (LeaderboardRow r : s.board().rows())
                    out.put(
                            r.model(),
                            new Pages.Rating(r.rating(), r.ciLow(), r.ciHigh(), r.rank(), r.votes(), r.provisional()));
            }
            ratings = Map.copyOf(out);
            version = now;
            computedAt = nanoTime.getAsLong();
            cost = computedAt - started;
        }
        return ratings;
    }
}
