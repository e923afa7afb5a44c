package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A visitor in a real browser against a real site: the journey and keyboard voting, with clean consoles. Every
 * page's accessibility, width and console at 1280 and 375 px: {@link PageSweepTest} (one sweep for the whole site).
 */
@Tag("slow")
@ResourceLock(WebFixture.LOCK)
@Tag("chromium")
class VisitorJourneyTest {
    static WebFixture site;
    static BrowserForTests browsers;
    static long callsBefore;

    @BeforeAll
    static void start() throws Exception {
        site = WebFixture.shared();
        browsers = new BrowserForTests();
        callsBefore = site.arena.storage().providerCalls().get();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) browsers.close();
        if (site != null) {
            // Nothing a visitor did in these tests reached a model: neither in the process nor as the site reports it.
            assertThat(site.arena.storage().providerCalls().get()).isEqualTo(callsBefore);
            assertThat(stats().get("model_calls_since_start").asLong()).isZero();
        }
    }

    static Page page(BrowserContext context) {
        return context.newPage();
    }

    static BrowserContext context(int width) {
        return browsers.browser.newContext(
                new Browser.NewContextOptions().setViewportSize(width, width >= 1000 ? 900 : 800));
    }

    @Test
    void today_task_live_preview_battle_vote_reveal_and_the_leaderboard_counts_the_vote() {
        try (BrowserContext context = context(1280)) {
            Page page = page(context);
            List<String> errors = BrowserForTests.watchErrors(page);
            page.navigate(site.base + "/");
            // The fixture published "today" as of its start; after midnight UTC the home shows it as the latest day.
            boolean sameDay = site.today.equals(LocalDate.now(ZoneOffset.UTC));
            assertThat(page.locator("main h2").first().textContent())
                    .contains(sameDay ? "Today's tasks" : "Latest tasks " + site.today);
            page.locator("section.task h3 a").first().click();
            page.waitForURL("**/task/**");
            assertThat(page.locator("article.answer").count()).isEqualTo(4);

            Locator run = page.locator("article.answer a.run").first();
            run.click();
            Locator frame = page.locator("article.answer iframe").first();
            assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-scripts allow-pointer-lock");
            assertThat(frame.getAttribute("src")).startsWith(site.sandbox + "/run/");
            Frame live = frame.elementHandle().contentFrame();
            live.waitForLoadState(LoadState.LOAD);
            // The answer runs: its document has loaded and its animation frames tick.
            assertThat(
                            live.evaluate(
                                    "() => new Promise(r => { let n = 0; const f = () => ++n >= 3 ? r(n) : requestAnimationFrame(f); requestAnimationFrame(f); })"))
                    .isEqualTo(3);
            assertThat(live.evaluate("() => document.querySelector('canvas, svg, div') !== null"))
                    .isEqualTo(true);

            long votesBefore = demoVotes();
            page.locator("nav a[href='/battle']").click();
            page.waitForURL("**/battle");
            assertThat(page.locator("#battle h1").textContent()).contains("Which answer is better?");
            assertThat(page.locator("#side-left h2").textContent().trim()).isEqualTo("Left");
            page.locator("button[value=left]").click();
            Locator reveal = page.locator("section.verdict");
            reveal.waitFor();
            assertThat(page.locator("h1").textContent()).contains("You voted");
            assertThat(reveal.textContent()).contains("Left was").contains("right was");
            assertThat(page.locator("#side-left h2 a").textContent()).isNotBlank();

            page.locator("#next").click();
            page.locator("button[value=left]").waitFor();

            page.navigate(site.base + "/leaderboard");
            assertThat(demoVotes()).isEqualTo(votesBefore + 1);
            assertThat(page.locator("section.board p.note").first().textContent())
                    .contains(votesBefore + 1 + " votes");
            assertThat(siteErrors(errors)).isEmpty();
        }
    }

    /** The task page does not carry the code: opening "Code" loads it in place, highlighted, and Copy copies it. */
    @Test
    void opening_an_answers_code_loads_it_in_place_highlighted_and_copy_copies_it() {
        try (BrowserContext context = context(1280)) {
            context.grantPermissions(
                    List.of("clipboard-read", "clipboard-write"),
                    new BrowserContext.GrantPermissionsOptions().setOrigin(site.base));
            Page page = page(context);
            List<String> errors = BrowserForTests.watchErrors(page);
            page.navigate(site.base + "/task/" + site.firstTaskId());
            Locator details = page.locator("article.answer details.code").first();
            assertThat(details.locator("pre").count())
                    .as("no code before it is opened")
                    .isZero();
            details.locator("summary").click();
            Locator code = details.locator("pre code.language-html");
            code.waitFor();
            page.waitForFunction("() => document.querySelector('details.code pre code .token') !== null");
            String id = code.getAttribute("id").substring("code-".length());
            String stored =
                    site.arena.storage().submissions().texts(id).orElseThrow().get("code");
            assertThat(code.textContent()).isEqualTo(stored);
            details.locator("button.copy").click();
            page.waitForFunction("() => document.querySelector('details.code button.copy').textContent === 'Copied'");
            assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(stored);
            assertThat(siteErrors(errors)).isEmpty();
        }
    }

    /**
     * The console errors of the site itself. A battle runs its answers at once, and the fixture's hostile
     * answer logs its own blocked escapes (CSP, Trusted Types, sandbox) from the sandbox origin or from
     * the blank documents it opens: those are the answer's, shown in its render report, not the site's.
     */
    static List<String> siteErrors(List<String> errors) {
        return errors.stream()
                .filter(e -> !e.startsWith(site.sandbox + "/") && !e.startsWith("about:blank"))
                .toList();
    }

    @Test
    void a_visitor_can_vote_with_the_keyboard_alone() {
        try (BrowserContext context = context(1280)) {
            Page page = page(context);
            page.navigate(site.base + "/battle");
            long before = demoVotes();
            page.keyboard().press("2");
            page.locator("section.verdict").waitFor();
            assertThat(page.locator("h1").textContent()).contains("You voted: Right is better");
            assertThat(page.evaluate("() => document.activeElement && document.activeElement.id"))
                    .isEqualTo("next");
            page.keyboard().press("n");
            page.locator("button[value=tie]").waitFor();
            // Tab to a vote button and press Enter: the buttons are in the tab order and show focus.
            Locator tie = page.locator("button[value=tie]");
            for (int i = 0; i < 40 && !Boolean.TRUE.equals(tie.evaluate("b => b === document.activeElement")); i++)
                page.keyboard().press("Tab");
            assertThat(tie.evaluate("b => b === document.activeElement")).isEqualTo(true);
            assertThat((String) tie.evaluate("b => getComputedStyle(b).outlineStyle"))
                    .isNotEqualTo("none");
            page.keyboard().press("Enter");
            page.locator("section.verdict").waitFor();
            assertThat(page.locator("h1").textContent()).contains("You voted: Tie");
            assertThat(demoVotes()).isEqualTo(before + 2);
        }
    }

    static long demoVotes() {
        return site.demoVotes();
    }

    static JsonNode stats() throws Exception {
        return site.get("/api/v1/stats");
    }
}
