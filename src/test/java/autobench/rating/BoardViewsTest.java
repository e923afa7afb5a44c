package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the leaderboard page draws besides the table: the provisional rule, the head-to-head matrix, the history. */
class BoardViewsTest {
    private static final RatingSettings NO_ROUNDS = RatingSettings.DEFAULTS.withRounds(0);

    @Test
    void a_pair_is_counted_once_whichever_side_each_model_was_shown_on() {
        List<Vote> votes = List.of(
                new Vote("b", "a", Outcome.LEFT),
                new Vote("a", "b", Outcome.LEFT),
                new Vote("a", "b", Outcome.LEFT),
                new Vote("b", "a", Outcome.TIE),
                new Vote("a", "b", Outcome.BOTH_BAD),
                new Vote("a", "c", Outcome.RIGHT));
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, NO_ROUNDS);
        assertThat(board.pairs())
                .containsExactly(new HeadToHead("a", "b", 2, 1, 1, 1), new HeadToHead("a", "c", 0, 1, 0, 0));
        HeadToHead ba = board.between("b", "a");
        assertThat(List.of(ba.aWins(), ba.bWins(), ba.ties(), ba.bothBad())).containsExactly(1, 2, 1, 1);
        assertThat(ba.aWinShare()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(board.between("b", "c").battles()).isZero();
        assertThat(board.between("b", "c").aWinShare()).isNaN();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void the_matrix_adds_up_to_each_models_row(long seed) {
        List<Vote> votes = Votes.simulate(seed, new double[] {0.4, 0, -0.3, 0.9, -1}, 400, 0.2);
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, NO_ROUNDS);
        for (LeaderboardRow row : board.rows()) {
            int wins = 0, losses = 0, ties = 0, bothBad = 0;
            for (LeaderboardRow other : board.rows()) {
                if (other.model().equals(row.model())) continue;
                HeadToHead h = board.between(row.model(), other.model());
                wins += h.aWins();
                losses += h.bWins();
                ties += h.ties();
                bothBad += h.bothBad();
            }
            assertThat(List.of(wins, losses, ties, bothBad))
                    .containsExactly(row.wins(), row.losses(), row.ties(), row.bothBad());
        }
        assertThat(board.pairs().stream().mapToLong(HeadToHead::battles).sum()).isEqualTo(board.votes());
    }

    @Test
    void a_board_is_provisional_while_at_least_half_its_models_have_too_few_votes() {
        RatingSettings s = NO_ROUNDS.withProvisionalBelow(10);
        List<Vote> settled = new ArrayList<>(Votes.times(10, "a", "b", Outcome.LEFT));
        settled.addAll(Votes.times(10, "b", "c", Outcome.LEFT));
        settled.addAll(Votes.times(10, "c", "a", Outcome.LEFT));
        assertThat(Ratings.leaderboard(settled, VoteFilter.ALL, s).provisional())
                .isFalse();

        // One newcomer among three settled models: its row is provisional, the board is not.
        List<Vote> newcomer = new ArrayList<>(settled);
        newcomer.add(new Vote("d", "a", Outcome.LEFT));
        Leaderboard withNewcomer = Ratings.leaderboard(newcomer, VoteFilter.ALL, s);
        assertThat(Votes.row(withNewcomer, "d").provisional()).isTrue();
        assertThat(withNewcomer.provisional()).isFalse();

        newcomer.add(new Vote("e", "a", Outcome.LEFT));
        assertThat(Ratings.leaderboard(newcomer, VoteFilter.ALL, s).provisional())
                .isFalse(); // two of five
        newcomer.add(new Vote("f", "b", Outcome.LEFT));
        assertThat(Ratings.leaderboard(newcomer, VoteFilter.ALL, s).provisional())
                .isTrue(); // three of six: half the models cannot be ranked yet

        // The demo's people's board: three votes among three models.
        List<Vote> three = List.of(
                new Vote("a", "b", Outcome.LEFT), new Vote("b", "c", Outcome.LEFT), new Vote("c", "a", Outcome.TIE));
        assertThat(Ratings.leaderboard(three, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(0))
                        .provisional())
                .isTrue();
        assertThat(Ratings.leaderboard(List.of(), VoteFilter.ALL, s).provisional())
                .isFalse();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void each_day_over_time_is_the_board_up_to_that_day(long seed) {
        List<Vote> votes = dated(seed, 300, 6);
        VoteFilter filter = new VoteFilter(null, LocalDate.parse("2026-03-02"), null);
        List<DayRatings> history = Ratings.overTime(votes, filter, RatingSettings.DEFAULTS);
        assertThat(history).extracting(DayRatings::day).isSorted().doesNotHaveDuplicates();
        assertThat(history.get(0).day()).isEqualTo(LocalDate.parse("2026-03-02"));
        for (DayRatings d : history) {
            Leaderboard upTo = Ratings.leaderboard(votes, new VoteFilter(null, filter.from(), d.day()), NO_ROUNDS);
            assertThat(d.ratings()).hasSize(upTo.rows().size());
            for (LeaderboardRow r : upTo.rows())
                assertThat(d.ratings().get(r.model())).isCloseTo(r.rating(), within(1e-3));
        }
        Leaderboard board = Ratings.leaderboard(votes, filter, RatingSettings.DEFAULTS);
        for (LeaderboardRow r : board.rows())
            assertThat(history.getLast().ratings().get(r.model())).isCloseTo(r.rating(), within(1e-3));
    }

    @Test
    void a_model_enters_the_history_on_the_day_of_its_first_vote() {
        List<Vote> votes = List.of(
                Votes.on("2026-03-01", null, "a", "b", Outcome.LEFT),
                Votes.on("2026-03-03", null, "c", "a", Outcome.LEFT),
                new Vote("a", "d", Outcome.LEFT)); // no day: cannot be placed
        List<DayRatings> history = Ratings.overTime(votes, VoteFilter.ALL, RatingSettings.DEFAULTS);
        assertThat(history)
                .extracting(DayRatings::day)
                .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"));
        assertThat(history.get(0).ratings()).containsOnlyKeys("a", "b");
        assertThat(history.get(1).ratings()).containsOnlyKeys("a", "b", "c");
        assertThat(Ratings.overTime(votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withAnchor("c")))
                .extracting(DayRatings::day)
                .containsExactly(LocalDate.parse("2026-03-03"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32})
    void a_long_history_keeps_evenly_spaced_days_and_always_the_last(long seed) {
        List<Vote> votes = dated(seed, 2000, 200);
        List<DayRatings> every = Ratings.overTime(votes, VoteFilter.ALL, RatingSettings.DEFAULTS);
        List<DayRatings> thinned = Ratings.overTime(votes, VoteFilter.ALL, RatingSettings.DEFAULTS, 20);
        assertThat(every).hasSizeGreaterThan(150);
        assertThat(thinned).hasSize(20);
        assertThat(thinned.get(0).day()).isEqualTo(every.get(0).day());
        assertThat(thinned.getLast().day()).isEqualTo(every.getLast().day());
        // The same points, not different ones: each fit stops within 1e-6 of θ (2e-4 Elo points) of the same optimum.
        Map<LocalDate, DayRatings> byDay = new HashMap<>();
        every.forEach(d -> byDay.put(d.day(), d));
        for (DayRatings d : thinned) {
            assertThat(byDay).containsKey(d.day());
            d.ratings()
                    .forEach((m, r) ->
                            assertThat(r).isCloseTo(byDay.get(d.day()).ratings().get(m), within(1e-3)));
        }
    }

    /** Simulated votes spread over {@code days} days from 2026-03-01, in the order they were cast. */
    private static List<Vote> dated(long seed, int count, int days) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Vote> out = new ArrayList<>();
        for (Vote v : Votes.simulate(seed, new double[] {0.5, 0, -0.5, 1}, count, 0.15)) {
            LocalDate day = LocalDate.parse("2026-03-01").plusDays(rng.nextInt(days));
            out.add(new Vote(v.left(), v.right(), v.outcome(), null, day));
        }
        return out;
    }
}
