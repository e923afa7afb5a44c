package autobench.web;

import autobench.gallery.Gallery;
import autobench.gallery.Standings;
import autobench.rating.LeaderboardRow;
import autobench.rating.VoteFilter;
import java.util.HashMap;
import java.util.Map;

/**
 * Each model's rating as the leaderboard shows it now, for the reveal after a vote and the
 * visitor's own votes. People's votes only (a demo model's from the demo pool, a real model's from
 * the real one), never the simulated visitors'. Computed once per {@link Gallery#dataVersion()}:
 * the boards change only when a revealed vote arrives or a day is revealed, and a reveal after
 * every vote must not re-run the bootstrap each time.
 */
final class CurrentRatings {
    private final Gallery gallery;
    private long version = Long.MIN_VALUE;
    private Map<String, Pages.Rating> ratings = Map.of();

    CurrentRatings(Gallery gallery) {
        this.gallery = gallery;
    }

    /** The model's current rating, or null while no counted vote includes it. */
    Pages.Rating of(String model) {
        return model == null ? null : all().get(model);
    }

    synchronized Map<String, Pages.Rating> all() {
        long now = gallery.dataVersion();
        if (now != version) {
            Map<String, Pages.Rating> out = new HashMap<>();
            for (Standings s : gallery.standings(VoteFilter.ALL)) {
                if (s.pool().equals(Standings.SIMULATED)) continue;
                for (LeaderboardRow r : s.board().rows())
                    out.put(
                            r.model(),
                            new Pages.Rating(r.rating(), r.ciLow(), r.ciHigh(), r.rank(), r.votes(), r.provisional()));
            }
            ratings = Map.copyOf(out);
            version = now;
        }
        return ratings;
    }
}
