package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arena's pages as the templates write them: the blind policy on the home page, the reveal with ratings. */
class ArenaPagesTest {
    final Templates templates = new Templates();
    final LocalDate day = LocalDate.of(2026, 12, 6);

    String render(String name, Object page) {
        return new String(templates.page(name, page).body(), StandardCharsets.UTF_8);
    }

    @Test
    void the_home_page_says_what_this_is_offers_a_battle_and_when_blind_says_when_the_names_come() {
        Instant reveal = Instant.parse("2026-12-07T00:00:00Z");
        String html = render("home", new Pages.Home(day, true, List.of(), reveal, null, List.of(), true));
        assertThat(html)
                .contains("Which model writes the better program?")
                .contains("<a class=\"button start\" id=\"start\" href=\"/battle\">Start voting</a>")
                .contains("data-revealed=\"later\"")
                .contains("Today's answers are anonymous until <time datetime=\"2026-12-07T00:00:00Z\">")
                .contains("href=\"/my/votes\"")
                .contains("href=\"/archive\"");
    }

    @Test
    void the_home_page_of_named_answers_says_so_and_without_battles_offers_no_start_button() {
        String html = render("home", new Pages.Home(day, true, List.of(), null, null, List.of(), false));
        assertThat(html)
                .contains("data-revealed=\"yes\"")
                .contains("These answers are named")
                .doesNotContain("id=\"start\"");
    }

    @Test
    void the_reveal_names_both_sides_with_rating_interval_and_rank_and_offers_the_next_battle() {
        var left = new Pages.Side("L", "model-a", new Pages.Rating(1123.4, 1080, 1170, 1, 12, false));
        var right = new Pages.Side("R", "model-b", null);
        String html = render(
                "battle",
                new Pages.Battle(null, "t1", "Title", "Prompt", left, right, "left", null, "http://s", null, null));
        assertThat(html)
                .contains("You voted: Left is better")
                .contains("data-revealed=\"yes\"")
                .contains("<strong>1123</strong> <small>95% interval 1080–1170 · rank 1 · 12 votes</small>")
                .contains("no rating yet")
                .contains("id=\"next\"")
                .doesNotContain("<form class=\"vote\"");
    }

    @Test
    void a_vote_on_a_blind_task_says_when_the_names_come_and_links_the_visitors_votes() {
        var left = new Pages.Side("L", null);
        var right = new Pages.Side("R", null);
        Instant reveal = Instant.parse("2026-12-07T00:00:00Z");
        String html = render(
                "battle",
                new Pages.Battle(null, "t1", "Title", "Prompt", left, right, "tie", null, "http://s", reveal, null));
        assertThat(html)
                .contains("data-revealed=\"later\"")
                .contains("The names come at <time datetime=\"2026-12-07T00:00:00Z\">")
                .contains("href=\"/my/votes\"")
                .doesNotContain("class=\"rating");
    }

    @Test
    void a_side_without_a_picture_says_so_instead_of_showing_a_broken_poster_and_can_still_run_live() {
        var left = new Pages.Side("L", null, null, false);
        var right = new Pages.Side("R", null);
        String html = render(
                "battle",
                new Pages.Battle("tok", "t1", "Title", "Prompt", left, right, null, null, "http://s", null, null));
        assertThat(html)
                .doesNotContain("src=\"/p/L\"")
                .contains("src=\"/p/R\"")
                .contains("<span class=\"no-picture\">No picture:")
                .contains("data-run=\"http://s/run/L\"");
    }
}
