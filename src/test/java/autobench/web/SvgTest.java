package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.DayRatings;
import autobench.rating.Leaderboard;
import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The charts' own promises, checked on the markup: two layouts, large enough type, one line per model, escaped names. */
class SvgTest {
    private static final Pattern FONT = Pattern.compile("font-size=\"([0-9.]+)\"");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void every_chart_comes_in_a_wide_and_a_narrow_layout_whose_labels_stay_readable_on_a_phone(long seed) {
        Leaderboard board = board(seed, 6);
        List<DayRatings> days = Ratings.overTime(votes(seed, 6), VoteFilter.ALL, RatingSettings.DEFAULTS);
        for (String chart : List.of(Svg.ratings(board.rows(), "x"), Svg.overTime(days, board.rows(), "x"))) {
            assertThat(chart).contains("class=\"chart wide\"").contains("class=\"chart narrow\"");
            String narrow = chart.substring(chart.indexOf("class=\"chart narrow\""));
            assertThat(narrow).contains("viewBox=\"0 0 " + Svg.NARROW + " ");
            // Shown at least 296 px wide (a 320 px phone): a 13-unit label renders at 11.3 px or more.
            Matcher m = FONT.matcher(narrow);
            int labels = 0;
            while (m.find()) {
                assertThat(Double.parseDouble(m.group(1)) * 296 / Svg.NARROW).isGreaterThanOrEqualTo(11);
                labels++;
            }
            assertThat(labels).isGreaterThan(6);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5})
    void the_history_has_one_line_per_model_and_the_matrix_one_cell_per_pair(long seed) {
        Leaderboard board = board(seed, 5);
        List<DayRatings> days = Ratings.overTime(votes(seed, 5), VoteFilter.ALL, RatingSettings.DEFAULTS);
        String wide = Svg.overTime(days, board.rows(), "x");
        wide = wide.substring(0, wide.indexOf("class=\"chart narrow\""));
        assertThat(count(wide, "class=\"series\"")).isEqualTo(5);
        String matrix = Svg.matrix(board, "x");
        assertThat(count(matrix, "<rect ")).isEqualTo(25);
        assertThat(count(matrix, "class=\"cell\"")).isEqualTo(20); // every cell but the diagonal has a figure
        assertThat(matrix).contains("width=\"").doesNotContain("class=\"chart");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6})
    void model_names_are_escaped_in_every_chart(long seed) {
        List<Vote> votes = List.of(
                new Vote("<script>", "a&b", Outcome.LEFT, null, LocalDate.parse("2026-01-01")),
                new Vote("a&b", "\"q\"", Outcome.RIGHT, null, LocalDate.parse("2026-01-02")));
        Leaderboard board = Ratings.leaderboard(votes, VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(0));
        String all = Svg.ratings(board.rows(), "x")
                + Svg.matrix(board, "x")
                + Svg.overTime(Ratings.overTime(votes, VoteFilter.ALL, RatingSettings.DEFAULTS), board.rows(), "x");
        assertThat(all)
                .doesNotContain("<script>")
                .doesNotContain("a&b")
                .contains("&lt;script&gt;")
                .contains("a&amp;b");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static Leaderboard board(long seed, int models) {
        return Ratings.leaderboard(votes(seed, models), VoteFilter.ALL, RatingSettings.DEFAULTS.withRounds(50));
    }

    /** Every pair meets: random outcomes over ten days, long model names to test the layout. */
    private static List<Vote> votes(long seed, int models) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Vote> out = new ArrayList<>();
        Outcome[] outcomes = Outcome.values();
        for (int k = 0; k < 400; k++) {
            int i = k % models, j = (i + 1 + rng.nextInt(models - 1)) % models;
            out.add(new Vote(
                    "model-with-a-long-name-" + i,
                    "model-with-a-long-name-" + j,
                    outcomes[rng.nextInt(outcomes.length)],
                    null,
                    LocalDate.parse("2026-01-01").plusDays(rng.nextInt(10))));
        }
        return out;
    }
}
