package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A preview stuck in an endless loop, next to one that animates. Chromium is started with the
 * process isolation desktop Chrome has by default (sandboxed frames out of the page's process,
 * grouped per site): there both previews share one process, so the loop freezes the neighbour
 * too, which is the case the Stop control must get out of.
 */
@Tag("chromium")
class LivePreviewStopTest {
    static final String HOSTILE = "article.answer:has(h3 a[href='/model/hostile'])";
    static final String NEIGHBOUR = "article.answer:has(h3 a[href='/model/demo-orbit'])";
    static WebFixture site;
    static BrowserForTests browsers;

    @BeforeAll
    static void start() {
        site = WebFixture.shared();
        browsers = new BrowserForTests(List.of("--site-per-process", "--enable-features=IsolateSandboxedIframes"));
    }

    @AfterAll
    static void close() {
        if (browsers != null) browsers.close();
    }

    @Test
    void the_stop_control_ends_a_busy_loop_and_the_neighbour_runs_again() {
        try (BrowserContext context = browsers.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(site.base + "/task/" + site.firstTaskId());
            page.locator(NEIGHBOUR + " a.run").click();
            page.locator(HOSTILE + " a.run").click();
            Frame hostile = page.locator(HOSTILE + " iframe").elementHandle().contentFrame();
            hostile.waitForSelector("body[data-done='1']", new Frame.WaitForSelectorOptions().setTimeout(30_000));
            Locator neighbour = page.locator(NEIGHBOUR + " iframe");
            assertThat(animates(page, neighbour))
                    .as("the neighbour animates before the loop")
                    .isTrue();
            page.waitForSelector(NEIGHBOUR + " .stage[data-live='running']");

            // Focus goes into the frame: a click near its top-left corner, on the answer's canvas. By page
            // coordinates: the frame is scaled by a transform and runs in a process of its own here, where a
            // click by element inside the frame would be placed unscaled.
            startTheLoop(page);
            Page.WaitForSelectorOptions tenSeconds = new Page.WaitForSelectorOptions().setTimeout(10_000);
            page.waitForSelector(NEIGHBOUR + " .stage[data-live='unresponsive']", tenSeconds);
            assertThat(page.locator(HOSTILE + " .live-status").textContent()).contains("Not responding");

            page.locator(HOSTILE + " button.stop").click();
            assertThat(page.locator(HOSTILE + " iframe").count()).isZero();
            assertThat(page.locator(HOSTILE + " a.run img").isVisible())
                    .as("the poster is back")
                    .isTrue();
            assertThat(page.locator(HOSTILE + " .stage").getAttribute("data-live"))
                    .isNull();
            // Longer than the heartbeat's patience: "running" after it means its answers to the pings came back.
            // (Waited for, not read once: a stall of the whole machine can make any frame late for a beat.)
            page.waitForTimeout(4500);
            page.waitForSelector(NEIGHBOUR + " .stage[data-live='running']", tenSeconds);
            assertThat(animates(page, page.locator(NEIGHBOUR + " iframe")))
                    .as("the neighbour animates again")
                    .isTrue();
        }
    }

    @Test
    void a_preview_the_server_put_in_the_page_is_watched_and_stops_with_a_link() {
        try (BrowserContext context = browsers.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(site.base + "/task/" + site.firstTaskId());
            String run = page.locator(NEIGHBOUR + " a.run").getAttribute("href");
            page.navigate(site.base + run);
            page.waitForSelector(NEIGHBOUR + " .stage[data-live='running'] iframe");
            page.waitForTimeout(4000); // longer than the heartbeat's patience, then answering its pings
            page.waitForSelector(
                    NEIGHBOUR + " .stage[data-live='running']", new Page.WaitForSelectorOptions().setTimeout(10_000));
            page.locator(NEIGHBOUR + " button.stop").click();
            page.waitForURL(u -> !u.contains("run="));
            assertThat(page.locator(NEIGHBOUR + " a.run img").isVisible()).isTrue();
            assertThat(page.locator("iframe").count()).isZero();
        }
    }

    @Test
    void without_script_the_preview_has_a_stop_link_back_to_its_poster() {
        Browser.NewContextOptions noScript = new Browser.NewContextOptions().setJavaScriptEnabled(false);
        try (BrowserContext context = browsers.browser.newContext(noScript)) {
            Page page = context.newPage();
            page.navigate(site.base + "/task/" + site.firstTaskId());
            page.locator(NEIGHBOUR + " a.run").click();
            assertThat(page.locator(NEIGHBOUR + " iframe").getAttribute("src")).endsWith("?framed=1");
            page.locator(NEIGHBOUR + " a.stop").click();
            assertThat(page.url()).doesNotContain("run=");
            assertThat(page.locator(NEIGHBOUR + " a.run img").isVisible()).isTrue();
        }
    }

    /**
     * Clicks into the hostile frame and presses "h" (the answer then starts {@code while (true) {}}),
     * until its stage says it is not responding. On a busy machine the click can land before the
     * frame takes focus, and the key then goes to the page: tried three times, ten seconds each.
     */
    private static void startTheLoop(Page page) {
        Page.WaitForSelectorOptions tenSeconds = new Page.WaitForSelectorOptions().setTimeout(10_000);
        for (int attempt = 1; ; attempt++) {
            page.locator(HOSTILE + " iframe").scrollIntoViewIfNeeded();
            var box = page.locator(HOSTILE + " iframe").boundingBox();
            page.mouse().click(box.x + 10, box.y + 10);
            page.keyboard().press("h");
            try {
                page.waitForSelector(HOSTILE + " .stage[data-live='unresponsive']", tenSeconds);
                return;
            } catch (TimeoutError e) {
                if (attempt == 3) throw e;
                System.out.println("LivePreviewStopTest: the key press did not start the loop; trying again");
            }
        }
    }

    /** Whether the frame's pixels change within a second (screenshots are taken by the browser, not the page). */
    private static boolean animates(Page page, Locator frame) {
        byte[] first = frame.screenshot();
        for (int i = 0; i < 10; i++) {
            page.waitForTimeout(100);
            if (!Arrays.equals(first, frame.screenshot())) return true;
        }
        return false;
    }
}
