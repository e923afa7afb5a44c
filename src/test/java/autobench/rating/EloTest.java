package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EloTest {
    private static final RatingSettings K32 =
            RatingSettings.DEFAULTS.withEloK(32).withRounds(0);

    /*
     * Worked by hand, K = 32, everyone starts at 1000, E = 1 / (1 + 10^((Rb − Ra)/400)):
     * 1. A beats B (A left):  E_A = 0.5, A = 1000 + 32·0.5 = 1016, B = 984.
     * 2. B ties A (B left):   E_B = 1/(1 + 10^(32/400)) = 1/2.2022644 = 0.4540781;
     *                          B += 32·(0.5 − 0.4540781) = +1.469502 → 985.469502, A = 1014.530498.
     * 3. C beats A (C left):  E_C = 1/(1 + 10^(14.530498/400)) = 0.4791011;
     *                          C += 32·0.5208989 = +16.668764 → 1016.668764, A = 997.861734.
     * 4. C beats B (B left):  E_B = 1/(1 + 10^(31.199262/400)) = 0.4552210;
     *                          B −= 32·0.4552210 = −14.567071 → 970.902431, C = 1031.235835.
     */
    @Test
    void elo_follows_a_hand_computed_sequence() {
        List<Vote> votes = List.of(
                new Vote("A", "B", Outcome.LEFT),
                new Vote("B", "A", Outcome.TIE),
                new Vote("C", "A", Outcome.LEFT),
                new Vote("B", "C", Outcome.RIGHT));
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, K32);
        assertThat(Votes.row(board, "A").elo()).isCloseTo(997.861734, within(1e-6));
        assertThat(Votes.row(board, "B").elo()).isCloseTo(970.902431, within(1e-6));
        assertThat(Votes.row(board, "C").elo()).isCloseTo(1031.235835, within(1e-6));
    }

    @Test
    void elo_is_zero_sum_and_starts_at_1000() {
        Leaderboard board =
                Ratings.leaderboard(Votes.simulate(3, new double[] {0, 1, 2}, 500, 0.2), VoteFilter.ALL, K32);
        assertThat(board.rows().stream().mapToDouble(LeaderboardRow::elo).sum()).isCloseTo(3000, within(1e-6));
    }

    @Test
    void elo_applies_votes_in_the_order_given() {
        Vote aWins = new Vote("A", "B", Outcome.LEFT), bWins = new Vote("A", "B", Outcome.RIGHT);
        double aFirst = Votes.row(Ratings.leaderboard(List.of(aWins, bWins), VoteFilter.ALL, K32), "A")
                .elo();
        double bFirst = Votes.row(Ratings.leaderboard(List.of(bWins, aWins), VoteFilter.ALL, K32), "A")
                .elo();
        // win then loss: 1016 − 32·E(1016 vs 984) = 1016 − 17.469502; loss then win mirrors it
        assertThat(aFirst).isCloseTo(998.530498, within(1e-6));
        assertThat(bFirst).isCloseTo(1001.469502, within(1e-6));
    }

    @Test
    void a_tie_weight_of_zero_leaves_elo_untouched_by_ties() {
        RatingSettings noTies = K32.withTieWeights(0, 0);
        Leaderboard board = Ratings.leaderboard(
                List.of(new Vote("A", "B", Outcome.TIE), new Vote("A", "B", Outcome.BOTH_BAD)), VoteFilter.ALL, noTies);
        assertThat(Votes.row(board, "A").elo()).isEqualTo(1000);
    }
}
