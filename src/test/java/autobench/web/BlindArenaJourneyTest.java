package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.render.ChromiumForTests;
import autobench.testing.ManualClock;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The arena under the blind default ({@code reveal_after_days: 1}), in Chromium at 1280 and 375 px:
 * the home page says today's answers are anonymous until the reveal and names yesterday's; a vote
 * says when the names come and points to the visitor's votes; once the clock passes the reveal,
 * that page names both models with their ratings.
 */
@Tag("slow")
@Tag("chromium")
@ResourceLock(ChromiumForTests.RENDER_LANE_B)
class BlindArenaJourneyTest {
    static final LocalDate TODAY = LocalDate.of(2026, 9, 14);
    static final int[] WIDTHS = {1280, 375};
    static final ManualClock clock =
            new ManualClock(TODAY.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC));
    static Assembly arena;
    static Site site;
    static String base;
    static BrowserForTests browsers;

    @BeforeAll
    static void start() throws Exception {
        ChromiumForTests.require();
        Path dir = Files.createTempDirectory("autobench-blind-arena");
        Files.createDirectories(ArenaJourneyTest.SHOTS);
        String yaml = """
                database: "jdbc:sqlite:%s/arena.db"
                zone: UTC
                tasks_per_day: 1
                render: {enabled: true, time_limit_seconds: 20, lanes: 1}
                web: {port: 0, sandbox_port: 0, cache_check_ms: 100}
                voting: {min_view_seconds: 0}
                models:
                  - {id: demo-orbit, provider: demo, model: demo-orbit}
                  - {id: demo-grid, provider: demo, model: demo-grid}
                """.formatted(dir);
        Config config = TestConfigs.load(dir, yaml, Map.of());
        arena = TestAssembly.of(config).clock(clock).build();
        arena.pipeline().dailyCycle().run(TODAY.minusDays(1));
        clock.advance(Duration.ofDays(1));
        arena.pipeline().dailyCycle().run(TODAY);
        site = Serving.start(arena.website(), config.web(), "127.0.0.1");
        base = "http://127.0.0.1:" + site.port();
        browsers = new BrowserForTests();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        if (site != null) site.close();
        if (arena != null) arena.close();
    }

    static void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(ArenaJourneyTest.SHOTS.resolve("arena-blind-" + name + "-" + width + ".png"))
                .setFullPage(true));
    }

    @Test
    void blind_home_names_the_reveal_time_a_vote_points_to_my_votes_which_name_both_models_with_ratings_after_it()
            throws Exception {
        String axe = WebFixture.resource("axe.min.js");
        List<String> problems = new ArrayList<>();
        List<BrowserContext> contexts = new ArrayList<>();
        try {
            for (int width : WIDTHS) {
                BrowserContext context = browsers.browser.newContext(
                        new Browser.NewContextOptions().setViewportSize(width, width >= 1000 ? 900 : 800));
                contexts.add(context);
                Page page = context.newPage();
                AtomicInteger flying = BrowserForTests.inFlight(page);
                List<String> errors = BrowserForTests.watchErrors(page);
                page.navigate(base + "/");
                Locator policy = page.locator(".blind-policy");
                assertThat(policy.getAttribute("data-revealed")).isEqualTo("later");
                assertThat(policy.textContent()).contains("Today's answers are anonymous until");
                assertThat(policy.locator("time").getAttribute("datetime")).isEqualTo(TODAY.plusDays(1) + "T00:00:00Z");
                // Today's answers under labels, yesterday's under model names.
                assertThat(page.locator("section.task figcaption").first().textContent())
                        .contains("Answer")
                        .doesNotContain("demo-");
                assertThat(page.locator("#named").textContent())
                        .contains(TODAY.minusDays(1).toString());
                assertThat(page.locator(".named-days").textContent())
                        .contains("demo-orbit")
                        .contains("demo-grid");
                check(page, flying, axe, "/", width, problems);
                shot(page, "home", width);

                page.locator("#start").click();
                page.waitForURL("**/battle");
                page.waitForSelector("#side-left .stage[data-loaded='yes']");
                page.keyboard().press("3");
                Locator verdict = page.locator("section.verdict");
                verdict.waitFor();
                assertThat(page.locator("#battle").getAttribute("data-revealed"))
                        .isEqualTo("later");
                assertThat(verdict.textContent()).contains("The names come at");
                assertThat(verdict.locator("time").getAttribute("datetime"))
                        .isEqualTo(TODAY.plusDays(1) + "T00:00:00Z");
                assertThat(verdict.locator("a[href='/my/votes']").count()).isEqualTo(1);
                assertThat(page.locator("#battle").textContent()).doesNotContain("demo-");
                check(page, flying, axe, "reveal", width, problems);
                shot(page, "reveal", width);

                verdict.locator("a[href='/my/votes']").click();
                page.waitForURL("**/my/votes");
                assertThat(page.locator("table.my-votes tbody tr").getAttribute("data-revealed"))
                        .isEqualTo("later");
                assertThat(page.locator("table.my-votes").textContent()).contains("Named at");
                check(page, flying, axe, "/my/votes", width, problems);
                shot(page, "my-votes", width);
                if (!errors.isEmpty()) problems.add("@" + width + " console: " + errors);
            }

            clock.advance(Duration.ofDays(1)); // past the reveal: the visitor comes back tomorrow

            for (int i = 0; i < WIDTHS.length; i++) {
                Page page = contexts.get(i).newPage();
                AtomicInteger flying = BrowserForTests.inFlight(page);
                page.navigate(base + "/my/votes");
                Locator row = page.locator("table.my-votes tbody tr");
                assertThat(row.getAttribute("data-revealed")).isEqualTo("yes");
                assertThat(row.locator("a[href^='/model/demo-']").count()).isEqualTo(2);
                assertThat(row.locator(".rating").count()).isEqualTo(2);
                assertThat(row.locator(".rating").first().textContent()).contains("95% interval");
                check(page, flying, axe, "/my/votes revealed", WIDTHS[i], problems);
                shot(page, "my-votes-revealed", WIDTHS[i]);
            }
        } finally {
            for (BrowserContext c : contexts) c.close();
        }
        assertThat(problems).isEmpty();
    }

    static void check(Page page, AtomicInteger flying, String axe, String step, int width, List<String> problems) {
        BrowserForTests.awaitQuiet(page, flying);
        page.evaluate(axe);
        String violations = (String)
                page.evaluate("async () => JSON.stringify((await axe.run(document, {resultTypes: ['violations']}))"
                        + ".violations.map(v => v.impact + ' ' + v.id + ': '"
                        + " + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))");
        if (!violations.equals("[]")) problems.add(step + " @" + width + " axe: " + violations);
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        if (((Number) overflow).intValue() > 0) problems.add(step + " @" + width + " scrolls sideways by " + overflow);
    }
}
