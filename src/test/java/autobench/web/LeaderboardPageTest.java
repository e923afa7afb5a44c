package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.gallery.Standings;
import autobench.rating.Outcome;
import autobench.rating.RatingSettings;
import autobench.rating.Ratings;
import autobench.rating.Vote;
import autobench.rating.VoteFilter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leaderboard template on its own: where provisional boards go and what a settled board carries. */
class LeaderboardPageTest {
    private static final RatingSettings SETTINGS = RatingSettings.DEFAULTS.withRounds(50);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void a_settled_board_comes_first_with_its_charts_and_a_provisional_one_below_in_its_own_box(long seed) {
        Pages.Board settled = board(Standings.SIMULATED, votes(seed, 150, "demo-a", "demo-b", "demo-c"));
        Pages.Board few = board(Standings.DEMO, votes(seed, 3, "demo-a", "demo-b", "demo-c"));
        assertThat(settled.provisional()).isFalse();
        assertThat(few.provisional()).isTrue();
        String html = render(List.of(settled), List.of(few));
        int first = html.indexOf("data-pool=\"simulated\""), box = html.indexOf("class=\"provisional-boards\"");
        int second = html.indexOf("data-pool=\"demo\"");
        assertThat(first).isPositive().isLessThan(box);
        assertThat(box).isLessThan(second);
        String settledPart = html.substring(first, box);
        assertThat(settledPart).contains("<h2 id=\"b-simulated\"").contains("svg class=\"matrix\"");
        assertThat(settledPart).contains("Ratings over time").contains("class=\"chart wide\"");
        String provisionalPart = html.substring(second);
        // Its heading ranks below the box's, and its charts are folded away.
        assertThat(provisionalPart).contains("<h3 id=\"b-demo\"").contains("<details class=\"board-charts\">");
        assertThat(provisionalPart.indexOf("class=\"chart wide\""))
                .isGreaterThan(provisionalPart.indexOf("<details class=\"board-charts\">"));
        assertThat(html).doesNotContain("No board has enough votes");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3})
    void when_every_board_is_provisional_the_page_says_so_above_them(long seed) {
        Pages.Board few = board(Standings.DEMO, votes(seed, 3, "demo-a", "demo-b", "demo-c"));
        String html = render(List.of(), List.of(few));
        assertThat(html.indexOf("No board has enough votes to rank its models yet"))
                .isPositive()
                .isLessThan(html.indexOf("class=\"provisional-boards\""));
        assertThat(html).contains("fewer than 30").doesNotContain("<h2 id=\"b-demo\"");
    }

    private static String render(List<Pages.Board> boards, List<Pages.Board> provisional) {
        Response r = new Templates()
                .page(
                        "leaderboard",
                        new Pages.Leaderboard(null, null, null, Param.CATEGORIES, boards, provisional, 30));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Pages.Board board(String pool, List<Vote> votes) {
        return PageHandlers.board(new Standings(
                pool,
                Ratings.leaderboard(votes, VoteFilter.ALL, SETTINGS),
                Map.of(),
                Ratings.overTime(votes, VoteFilter.ALL, SETTINGS)));
    }

    private static List<Vote> votes(long seed, int n, String... models) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Vote> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = k % models.length, j = (i + 1 + rng.nextInt(models.length - 1)) % models.length;
            out.add(new Vote(
                    models[i],
                    models[j],
                    Outcome.values()[rng.nextInt(4)],
                    "game",
                    LocalDate.parse("2026-05-01").plusDays(k % 4)));
        }
        return out;
    }
}
