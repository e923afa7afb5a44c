package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {
    private static final RatingSettings PLAIN_ML =
            RatingSettings.DEFAULTS.withRounds(0).withPrior(0);

    /*
     * 1987 American League East, each pair of the seven teams met 13 times; WINS[i][j] is how often
     * team i beat team j. Source: A. Agresti, Categorical Data Analysis, 2nd ed. (Wiley, 2002),
     * Sec. 10.6, data on p. 438, fitted log-strengths in Table 10.11 with Baltimore as reference:
     * Milwaukee 1.58, Detroit 1.44, Toronto 1.29, New York 1.25, Boston 1.11, Cleveland 0.68.
     * We re-derived the maximum-likelihood fit independently (Newton in numpy, to 1e-12):
     * 1.5814, 1.4364, 1.2945, 1.2476, 1.1077, 0.6839 — matching the book and R's BradleyTerry2.
     */
    private static final String[] TEAMS = {
        "Milwaukee", "Detroit", "Toronto", "New York", "Boston", "Cleveland", "Baltimore"
    };
    private static final int[][] WINS = {
        {0, 7, 9, 7, 7, 9, 11},
        {6, 0, 7, 5, 11, 9, 9},
        {4, 6, 0, 7, 7, 8, 12},
        {6, 8, 6, 0, 6, 7, 10},
        {6, 2, 6, 7, 0, 7, 12},
        {4, 4, 5, 6, 6, 0, 6},
        {2, 4, 1, 3, 1, 7, 0}
    };
    private static final double[] LOG_STRENGTH = {1.5814, 1.4364, 1.2945, 1.2476, 1.1077, 0.6839, 0};

    @Test
    void bradley_terry_matches_published_worked_example() {
        List<Vote> games = new ArrayList<>();
        for (int i = 0; i < TEAMS.length; i++) {
            for (int j = 0; j < TEAMS.length; j++) {
                // alternate sides so the data has no side pattern; Bradley–Terry ignores sides anyway
                for (int k = 0; k < WINS[i][j]; k++) {
                    games.add(
                            k % 2 == 0
                                    ? new Vote(TEAMS[i], TEAMS[j], Outcome.LEFT)
                                    : new Vote(TEAMS[j], TEAMS[i], Outcome.RIGHT));
                }
            }
        }
        assertThat(games).hasSize(13 * 21);
        Leaderboard board = Ratings.leaderboard(games, VoteFilter.ALL, PLAIN_ML.withAnchor("Baltimore"));
        for (int i = 0; i < TEAMS.length; i++) {
            double expectedElo = 1000 + LOG_STRENGTH[i] * 400 / Math.log(10);
            // 4 published decimals of a log-strength are ±0.00005, i.e. ±0.009 Elo points
            assertThat(Votes.rating(board, TEAMS[i])).as(TEAMS[i]).isCloseTo(expectedElo, within(0.01));
        }
        assertThat(board.rows()).extracting(LeaderboardRow::model).containsExactly(TEAMS);
    }

    @Test
    void two_models_split_three_to_one_differ_by_log_three() {
        List<Vote> votes = new ArrayList<>(Votes.times(3, "a", "b", Outcome.LEFT));
        votes.add(new Vote("a", "b", Outcome.RIGHT));
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, PLAIN_ML);
        // P(a beats b) = 3/4 at the maximum, so the gap is 400·log10(3) = 190.8485 points around a mean of 1000
        assertThat(Votes.rating(board, "a") - Votes.rating(board, "b")).isCloseTo(400 * Math.log10(3), within(1e-6));
        assertThat(Votes.rating(board, "a") + Votes.rating(board, "b")).isCloseTo(2000, within(1e-6));
    }

    @Test
    void ties_and_both_bad_count_as_half_a_win_each() {
        // a: 1 win + 2 ties + 2 both-bad = 3 wins of 6; b: 1 loss… → equal strength
        List<Vote> votes = new ArrayList<>();
        votes.add(new Vote("a", "b", Outcome.LEFT));
        votes.add(new Vote("a", "b", Outcome.RIGHT));
        votes.addAll(Votes.times(2, "a", "b", Outcome.TIE));
        votes.addAll(Votes.times(2, "b", "a", Outcome.BOTH_BAD));
        votes.add(new Vote("b", "a", Outcome.RIGHT)); // a: 2 + 2 = 4 of 7; b: 1 + 2 = 3 of 7
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, PLAIN_ML);
        assertThat(Votes.rating(board, "a") - Votes.rating(board, "b"))
                .isCloseTo(400 * Math.log10(4.0 / 3), within(1e-6));
        // with ties weighted 0 only the decisive 2:1 remains
        Leaderboard decisive = Ratings.leaderboard(votes, VoteFilter.ALL, PLAIN_ML.withTieWeights(0, 0));
        assertThat(Votes.rating(decisive, "a") - Votes.rating(decisive, "b"))
                .isCloseTo(400 * Math.log10(2), within(1e-6));
    }

    @Test
    void prior_keeps_undefeated_model_finite() {
        List<Vote> votes = new ArrayList<>(Votes.times(50, "champ", "b", Outcome.LEFT));
        votes.addAll(Votes.times(5, "b", "c", Outcome.LEFT));
        votes.addAll(Votes.times(5, "c", "b", Outcome.LEFT));
        votes.addAll(Votes.times(20, "d", "c", Outcome.RIGHT)); // d never wins
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(200));
        for (LeaderboardRow r : board.rows()) {
            assertThat(r.rating()).as(r.model()).isFinite().isBetween(-5000.0, 7000.0);
            assertThat(r.ciLow()).isFinite();
            assertThat(r.ciHigh()).isFinite();
        }
        assertThat(board.rows().get(0).model()).isEqualTo("champ");
        assertThat(board.rows().get(3).model()).isEqualTo("d");
    }

    @Test
    void without_prior_an_undefeated_model_has_no_estimate_and_says_so() {
        assertThatThrownBy(() -> Ratings.leaderboard(Votes.times(5, "a", "b", Outcome.LEFT), VoteFilter.ALL, PLAIN_ML))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("positive prior");
    }

    @Test
    void mean_rating_is_pinned_at_1000_unless_a_model_is_named() {
        List<Vote> votes = Votes.simulate(11, new double[] {0, 0.5, 1, 2}, 400, 0.1);
        Leaderboard mean = Ratings.leaderboard(votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(0));
        assertThat(mean.rows().stream()
                        .mapToDouble(LeaderboardRow::rating)
                        .average()
                        .orElseThrow())
                .isCloseTo(1000, within(1e-6));
        Leaderboard anchored = Ratings.leaderboard(
                votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(50).withAnchor("m02"));
        assertThat(Votes.rating(anchored, "m02")).isEqualTo(1000);
        // an anchor only shifts the table
        assertThat(Votes.rating(anchored, "m03") - Votes.rating(anchored, "m00"))
                .isCloseTo(Votes.rating(mean, "m03") - Votes.rating(mean, "m00"), within(1e-6));
    }

    @Test
    void an_anchor_without_votes_is_an_error() {
        assertThatThrownBy(() -> Ratings.leaderboard(
                        Votes.times(2, "a", "b", Outcome.TIE),
                        VoteFilter.ALL,
                        RatingSettings.DEFAULTS.withRounds(0).withAnchor("zeta")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'zeta'");
    }

    @Test
    void no_votes_give_an_empty_table() {
        assertThat(Ratings.leaderboard(List.of(), VoteFilter.ALL, RatingSettings.DEFAULTS)
                        .rows())
                .isEmpty();
    }
}
