package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RanksAndFlagsTest {

    @Test
    void rank_counts_models_whose_whole_interval_lies_above() {
        //                     A     B     C     D
        double[] low = {1100, 1050, 900, 950};
        double[] high = {1200, 1150, 1000, 1060};
        // C is below A and B (their lows 1100, 1050 exceed its high 1000) but overlaps D;
        // D is below A only (1100 > 1060) and overlaps B (1050 < 1060).
        assertThat(Ratings.ranks(low, high)).containsExactly(1, 1, 3, 2);
    }

    @Test
    void without_intervals_rank_counts_strictly_better_ratings() {
        double[] r = {1000, 1100, 1000, 900};
        assertThat(Ratings.ranks(r, r)).containsExactly(2, 1, 2, 4);
    }

    @Test
    void a_model_below_the_vote_threshold_is_provisional() {
        List<Vote> votes = new ArrayList<>(Votes.times(20, "a", "b", Outcome.LEFT));
        votes.addAll(Votes.times(20, "b", "a", Outcome.LEFT));
        votes.addAll(Votes.times(3, "c", "a", Outcome.TIE));
        Leaderboard board = Ratings.leaderboard(
                votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(0).withProvisionalBelow(40));
        assertThat(Votes.row(board, "a").provisional()).isFalse(); // 43 votes
        assertThat(Votes.row(board, "b").provisional()).isFalse(); // exactly 40
        assertThat(Votes.row(board, "c").provisional()).isTrue(); // 3
    }

    @Test
    void counts_and_win_rate_are_from_the_models_point_of_view() {
        List<Vote> votes = List.of(
                new Vote("a", "b", Outcome.LEFT),
                new Vote("b", "a", Outcome.LEFT),
                new Vote("b", "a", Outcome.RIGHT),
                new Vote("a", "b", Outcome.TIE),
                new Vote("b", "a", Outcome.BOTH_BAD));
        LeaderboardRow a =
                Votes.row(Ratings.leaderboard(votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(0)), "a");
        assertThat(List.of(a.votes(), a.wins(), a.losses(), a.ties(), a.bothBad()))
                .containsExactly(5, 2, 1, 1, 1);
        assertThat(a.winRate()).isEqualTo(0.4);
    }
}
