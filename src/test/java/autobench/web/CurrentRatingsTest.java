package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.gallery.Standings;
import autobench.rating.Leaderboard;
import autobench.rating.LeaderboardRow;
import autobench.rating.RatingSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ratings shown at the reveal and on a visitor's votes: people's boards only, computed once per version. */
class CurrentRatingsTest {
    final AtomicLong version = new AtomicLong(1);
    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger computed = new AtomicInteger();
    /** Each computation takes 10 ms of the fake clock. */
    final CurrentRatings ratings = new CurrentRatings(version::get, this::boards, nanos::get);

    List<Standings> boards() {
        computed.incrementAndGet();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
        double bump = version.get();
        return List.of(
                board(Standings.REAL, row("gpt", 1100 + bump)),
                board(Standings.DEMO, row("demo-orbit", 990)),
                board(Standings.SIMULATED, row("demo-grid", 1200)));
    }

    static Standings board(String pool, LeaderboardRow row) {
        return new Standings(
                pool,
                new Leaderboard(List.of(row), List.of(), 10, RatingSettings.DEFAULTS, List.of()),
                Map.of(),
                List.of());
    }

    static LeaderboardRow row(String model, double rating) {
        return new LeaderboardRow(model, rating, rating - 40, rating + 40, 1, 10, 5, 5, 0, 0, .5, false, rating);
    }

    @Test
    void each_model_gets_its_rating_and_interval_from_the_peoples_boards_and_never_from_simulated_votes() {
        assertThat(ratings.of("gpt")).isEqualTo(new Pages.Rating(1101, 1061, 1141, 1, 10, false));
        assertThat(ratings.of("demo-orbit").rating()).isEqualTo(990);
        assertThat(ratings.of("demo-grid")).isNull();
        assertThat(ratings.of(null)).isNull();
    }

    @Test
    void ratings_are_computed_once_per_data_version() {
        ratings.all();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        ratings.all();
        ratings.of("gpt");
        assertThat(computed).hasValue(1);
        version.incrementAndGet();
        assertThat(ratings.of("gpt").rating()).isEqualTo(1102);
        assertThat(computed).hasValue(2);
    }

    @Test
    void a_new_version_soon_after_a_computation_waits_up_to_twenty_times_its_cost() {
        ratings.all(); // costs 10 ms: a new version may wait 200 ms
        version.incrementAndGet();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(ratings.of("gpt").rating()).as("still the last computation").isEqualTo(1101);
        assertThat(computed).hasValue(1);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(60));
        assertThat(ratings.of("gpt").rating()).isEqualTo(1102);
        assertThat(computed).hasValue(2);
    }

    @Test
    void a_model_the_last_computation_did_not_know_is_looked_up_afresh_when_the_data_changed() {
        ratings.all();
        version.incrementAndGet();
        assertThat(ratings.of("newcomer")).isNull(); // still none after a fresh look
        assertThat(computed).hasValue(2);
        assertThat(ratings.of("newcomer")).isNull(); // same version: no further look
        assertThat(computed).hasValue(2);
    }

    @Test
    void the_lag_never_exceeds_ten_seconds_however_slow_the_computation() {
        CurrentRatings slow = new CurrentRatings(
                version::get,
                () -> {
                    List<Standings> b = boards();
                    nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
                    return b;
                },
                nanos::get);
        slow.all(); // costs 5 s: twenty times that would be 100 s
        version.incrementAndGet();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(slow.of("gpt").rating()).isEqualTo(1102);
    }
}
