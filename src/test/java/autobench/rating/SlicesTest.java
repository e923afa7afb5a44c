package autobench.rating;

import static autobench.rating.Outcome.LEFT;
import static autobench.rating.Outcome.RIGHT;
import static autobench.rating.Outcome.TIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicesTest {
    private static final RatingSettings S = RatingSettings.DEFAULTS.withRounds(20);
    private static final List<Vote> VOTES = List.of(
            Votes.on("2025-03-01", "game", "a", "b", LEFT),
            Votes.on("2025-03-01", "animation", "a", "c", RIGHT),
            Votes.on("2025-03-02", "game", "b", "c", TIE),
            Votes.on("2025-03-03", "game", "c", "a", LEFT),
            Votes.on("2025-03-03", "animation", "b", "a", RIGHT),
            new Vote("a", "c", LEFT), // no category, no date
            new Vote("b", "c", RIGHT, "game", null));

    @Test
    void a_category_slice_counts_only_that_category() {
        Leaderboard games = Ratings.leaderboard(VOTES, new VoteFilter("game", null, null), S);
        assertThat(games.votes()).isEqualTo(4);
        assertThat(Votes.row(games, "a").votes()).isEqualTo(2);
    }

    @Test
    void a_date_window_is_inclusive_and_leaves_out_votes_without_a_date() {
        VoteFilter window = new VoteFilter(null, LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-03"));
        assertThat(Ratings.leaderboard(VOTES, window, S).votes()).isEqualTo(3);
        assertThat(Ratings.leaderboard(VOTES, VoteFilter.ALL, S).votes()).isEqualTo(7);
    }

    @Test
    void an_empty_window_is_rejected() {
        assertThatThrownBy(() -> new VoteFilter(null, LocalDate.parse("2025-03-05"), LocalDate.parse("2025-03-04")))
                .hasMessageContaining("after");
    }

    @Test
    void by_category_gives_one_table_per_category_in_the_window() {
        Map<String, Leaderboard> tables = Ratings.byCategory(VOTES, VoteFilter.ALL, S);
        assertThat(tables).containsOnlyKeys("animation", "game");
        assertThat(tables.get("animation").votes()).isEqualTo(2);
        assertThat(tables.get("game").votes()).isEqualTo(4);
        assertThat(Ratings.byCategory(VOTES, new VoteFilter(null, null, LocalDate.parse("2025-03-01")), S)
                        .get("game")
                        .votes())
                .isEqualTo(1);
    }

    @Test
    void the_snapshot_for_a_day_is_the_table_up_to_that_day() {
        List<DailySnapshot> history = Ratings.dailySnapshots(VOTES, VoteFilter.ALL, S);
        assertThat(history)
                .extracting(DailySnapshot::day)
                .extracting(LocalDate::toString)
                .containsExactly("2025-03-01", "2025-03-02", "2025-03-03");
        assertThat(history).extracting(h -> h.leaderboard().votes()).containsExactly(2L, 3L, 5L);
        for (DailySnapshot h : history) {
            assertThat(h.leaderboard()).isEqualTo(Ratings.leaderboard(VOTES, new VoteFilter(null, null, h.day()), S));
        }
    }

    @Test
    void daily_snapshots_respect_a_category() {
        List<DailySnapshot> games = Ratings.dailySnapshots(VOTES, new VoteFilter("game", null, null), S);
        assertThat(games).extracting(h -> h.leaderboard().votes()).containsExactly(1L, 2L, 3L);
    }
}
