package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Page time moved with and without a real-time budget: the same frames at the same page times either way. */
@Tag("chromium")
class PageClockTest {
    /** Each animation frame records its page time and keeps the CPU busy for a while. */
    static final String PAGE = """
            <!doctype html><body><script>
            window.times = [];
            (function frame(t) { window.times.push(t); let x = 0; for (let i = 0; i < 3e6; i++) x += Math.sqrt(i);
              window.sink = x; requestAnimationFrame(frame); })(0);
            </script>""";

    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() {
        playwright = Lane.playwright();
        browser = Lane.launch(playwright, ChromiumForTests.require(), "page-clock-test");
    }

    @AfterAll
    static void stop() {
        if (playwright != null) playwright.close();
    }

    /** A fresh page on the paused clock, loaded and at page time 0. */
    static Page page(BrowserContext context) {
        context.addInitScript(InitScript.forSeed(1));
        context.route(
                "http://clock.test/",
                r -> r.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setContentType("text/html")
                        .setBody(PAGE)));
        Page page = context.newPage();
        page.navigate("http://clock.test/");
        return page;
    }

    @SuppressWarnings("unchecked")
    static List<Number> times(Page page) {
        return (List<Number>) page.evaluate("() => window.times");
    }

    @Test
    void a_step_without_a_budget_moves_all_of_its_page_time() {
        try (BrowserContext context = browser.newContext()) {
            PageClock clock = new PageClock(page(context));
            assertThat(clock.advance(250, 0)).isEqualTo(250);
            assertThat(clock.advance(0, 0)).isZero();
        }
    }

    @Test
    void a_step_past_its_budget_ends_early_and_the_next_steps_run_the_same_frames_at_the_same_times() {
        List<Number> whole, inParts;
        List<Long> moves = new ArrayList<>();
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            new PageClock(page).advance(250, 0);
            whole = times(page);
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            PageClock clock = new PageClock(page);
            long done = 0;
            while (done < 250) {
                long moved = clock.advance(250 - done, 1); // every frame takes longer than 1 ms
                moves.add(moved);
                done += moved;
            }
            inParts = times(page);
        }
        assertThat(whole).hasSizeGreaterThan(10);
        assertThat(inParts).isEqualTo(whole);
        assertThat(moves).as("one frame a step").hasSizeGreaterThan(10).allMatch(m -> m > 0 && m <= 16);
        assertThat(moves.stream().mapToLong(Long::longValue).sum()).isEqualTo(250);
    }
}
