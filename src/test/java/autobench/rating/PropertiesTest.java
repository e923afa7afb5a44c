package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties checked over seeded random data; every seed is in the test name, so a failure replays. */
class PropertiesTest {
    private static final RatingSettings FEW_ROUNDS = RatingSettings.DEFAULTS.withRounds(100);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bradley_terry_is_invariant_to_vote_order(long seed) {
        List<Vote> votes = Votes.simulate(seed, strengths(seed, 7), 2000, 0.2);
        List<Vote> shuffled = new ArrayList<>(votes);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(withoutElo(Ratings.leaderboard(shuffled, VoteFilter.ALL, FEW_ROUNDS)))
                .isEqualTo(withoutElo(Ratings.leaderboard(votes, VoteFilter.ALL, FEW_ROUNDS)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6, 7, 8, 9, 10})
    void swapping_sides_changes_nothing_but_the_side_counts(long seed) {
        List<Vote> votes = Votes.simulate(seed, strengths(seed, 6), 1500, 0.2);
        List<Vote> swapped = votes.stream().map(Vote::mirrored).toList();
        Leaderboard original = Ratings.leaderboard(votes, VoteFilter.ALL, FEW_ROUNDS);
        Leaderboard mirrored = Ratings.leaderboard(swapped, VoteFilter.ALL, FEW_ROUNDS);
        assertThat(withoutElo(mirrored)).isEqualTo(withoutElo(original));
        for (int i = 0; i < original.rows().size(); i++) {
            assertThat(mirrored.rows().get(i).elo())
                    .isCloseTo(original.rows().get(i).elo(), within(1e-9));
            SideBalance before = original.sides().get(i),
                    after = mirrored.sides().get(i);
            assertThat(after.left()).isEqualTo(before.right());
            assertThat(after.z()).isCloseTo(-before.z(), within(1e-12));
        }
    }

    /*
     * Simulate votes from known strengths, compute intervals, and count how often the truth (put on
     * the same scale: mean at 1000) lies inside. 25 data sets × 8 models = 200 intervals, so the
     * observed rate has a standard error of about 1.5 points at 95 % and 2.8 points at 80 %.
     */
    @ParameterizedTest(name = "confidence {0}")
    @CsvSource({"0.95, 0.90, 0.99", "0.80, 0.72, 0.88"})
    void simulated_strengths_fall_inside_their_intervals_at_about_the_stated_rate(
            double confidence, double min, double max) {
        int inside = 0, total = 0;
        for (long seed = 100; seed < 125; seed++) {
            double[] truth = strengths(seed, 8);
            List<Vote> votes = Votes.simulate(seed, truth, 3000, 0);
            Leaderboard board = Ratings.leaderboard(
                    votes,
                    VoteFilter.ALL,
                    RatingSettings.DEFAULTS.withRounds(200).withSeed(seed).withConfidence(confidence));
            double mean = 0;
            for (double t : truth) mean += t / truth.length;
            for (int i = 0; i < truth.length; i++) {
                double expected = 1000 + (truth[i] - mean) * 400 / Math.log(10);
                LeaderboardRow row = Votes.row(board, Votes.name(i));
                if (row.ciLow() <= expected && expected <= row.ciHigh()) inside++;
                total++;
            }
        }
        assertThat(inside / (double) total).isBetween(min, max);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void the_same_seed_gives_the_same_intervals_and_another_seed_does_not(long seed) {
        List<Vote> votes = Votes.simulate(seed, strengths(seed, 5), 800, 0.1);
        Leaderboard a = Ratings.leaderboard(votes, VoteFilter.ALL, FEW_ROUNDS.withSeed(seed));
        Leaderboard b = Ratings.leaderboard(votes, VoteFilter.ALL, FEW_ROUNDS.withSeed(seed));
        Leaderboard c = Ratings.leaderboard(votes, VoteFilter.ALL, FEW_ROUNDS.withSeed(seed + 1000));
        assertThat(a).isEqualTo(b);
        assertThat(c.rows().get(0).ciLow()).isNotEqualTo(a.rows().get(0).ciLow());
        assertThat(c.rows().get(0).rating()).isEqualTo(a.rows().get(0).rating());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void every_interval_contains_its_point_estimate_for_ample_data(long seed) {
        Leaderboard board =
                Ratings.leaderboard(Votes.simulate(seed, strengths(seed, 6), 3000, 0.1), VoteFilter.ALL, FEW_ROUNDS);
        for (LeaderboardRow r : board.rows()) assertThat(r.rating()).isBetween(r.ciLow(), r.ciHigh());
    }

    static double[] strengths(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed * 7919);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = rng.nextDouble(-1.5, 1.5);
        return s;
    }

    /** Everything Bradley–Terry decides; Elo depends on order and is compared separately. */
    private static List<List<Object>> withoutElo(Leaderboard board) {
        return board.rows().stream()
                .map(r -> List.<Object>of(
                        r.model(),
                        r.rating(),
                        r.ciLow(),
                        r.ciHigh(),
                        r.rank(),
                        r.votes(),
                        r.wins(),
                        r.losses(),
                        r.ties(),
                        r.bothBad(),
                        r.winRate(),
                        r.provisional()))
                .toList();
    }
}
