package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBalanceTest {

    @Test
    void a_model_always_shown_on_the_left_stands_out() {
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < 100; i++) votes.add(new Vote("skewed", "m" + (i % 4), Outcome.TIE));
        for (int i = 0; i < 100; i++)
            votes.add(i % 2 == 0 ? new Vote("m0", "m1", Outcome.TIE) : new Vote("m1", "m0", Outcome.TIE));
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(0));
        SideBalance skewed = board.sides().stream()
                .filter(s -> s.model().equals("skewed"))
                .findFirst()
                .orElseThrow();
        assertThat(skewed.left()).isEqualTo(100);
        assertThat(skewed.leftShare()).isEqualTo(1.0);
        assertThat(skewed.z()).isCloseTo(10, within(1e-12)); // (100 − 50) / √25
        assertThat(skewed.p()).isLessThan(1e-6);
    }

    @Test
    void balanced_sides_give_a_large_p_value() {
        SideBalance even = SideBalance.of("m", 500, 500);
        assertThat(even.z()).isZero();
        assertThat(even.p()).isCloseTo(1.0, within(1e-6));
        // 60 of 100 on the left: z = 2, with continuity correction z' = 1.9, p = erfc(1.9/√2) = 0.0574
        SideBalance sixty = SideBalance.of("m", 60, 40);
        assertThat(sixty.z()).isCloseTo(2.0, within(1e-12));
        assertThat(sixty.p()).isCloseTo(0.05743, within(1e-4));
    }

    @Test
    void erfc_matches_tabulated_values() {
        assertThat(SideBalance.erfc(0)).isCloseTo(1.0, within(2e-7));
        assertThat(SideBalance.erfc(0.5)).isCloseTo(0.4795001222, within(2e-7));
        assertThat(SideBalance.erfc(1)).isCloseTo(0.1572992070, within(2e-7));
        assertThat(SideBalance.erfc(2)).isCloseTo(0.0046777350, within(2e-7));
        assertThat(SideBalance.erfc(-1)).isCloseTo(1.8427007929, within(2e-7));
    }
}
