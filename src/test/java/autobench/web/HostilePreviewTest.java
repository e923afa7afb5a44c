package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A hostile answer (src/test/resources/autobench/web/hostile_preview.html) run live on its task
 * page, by a visitor who holds the site's cookie. Everything it tries is recorded by the page
 * itself and checked here one promise at a time, together with what the servers and the parent
 * page saw.
 */
@ResourceLock(WebFixture.LOCK)
@Tag("chromium")
class HostilePreviewTest {
    static WebFixture site;
    static BrowserForTests browsers;
    static BrowserContext context;
    static Page page;
    static JsonNode results;
    static String parentUrl;
    static String parentHeading;
    static int trapHits;
    static int pages;

    @BeforeAll
    static void runTheHostileAnswer() throws Exception {
        site = WebFixture.shared();
        browsers = new BrowserForTests();
        context = browsers.browser.newContext();
        page = context.newPage();
        page.navigate(site.base + "/battle"); // the visitor now holds the site's cookie
        assertThat(context.cookies()).extracting(c -> c.name).contains(Visitors.COOKIE);
        String task = site.firstTaskId();
        int hitsBefore = site.trapHits.get();
        page.navigate(site.base + "/task/" + task);
        String heading = page.locator("h1").textContent();
        page.locator("article.answer:has(h3 a[href='/model/hostile']) a.run").click();
        Frame frame = page.locator("article.answer:has(h3 a[href='/model/hostile']) iframe")
                .elementHandle()
                .contentFrame();
        frame.waitForSelector("body[data-done='1']", new Frame.WaitForSelectorOptions().setTimeout(30_000));
        results = new ObjectMapper().readTree(frame.locator("body").getAttribute("data-results"));
        page.waitForTimeout(1500); // let any navigation or popup it started arrive
        parentUrl = page.url();
        parentHeading = page.locator("h1").textContent();
        assertThat(parentHeading).isEqualTo(heading);
        trapHits = site.trapHits.get() - hitsBefore;
        pages = context.pages().size();
    }

    @AfterAll
    static void close() {
        if (context != null) context.close();
        if (browsers != null) browsers.close();
    }

    @Test
    void it_cannot_read_the_main_origins_cookies() {
        assertThat(results.get("cookie").asText()).startsWith("threw:").doesNotContain(Visitors.COOKIE);
        assertThat(results.get("storage").asText()).startsWith("threw:");
    }

    @Test
    void it_cannot_call_the_main_origins_api() {
        assertThat(results.get("fetchApi").asText()).startsWith("rejected:");
        assertThat(results.get("xhrApi").asText()).isIn("error", "threw:SecurityError");
        assertThat(results.get("imgApi").asText()).isEqualTo("error");
    }

    @Test
    void it_cannot_read_change_or_navigate_the_parent_page() {
        assertThat(results.get("parentDom").asText()).startsWith("threw:");
        assertThat(results.get("parentWrite").asText()).startsWith("threw:");
        assertThat(results.get("parentNav").asText()).isNotEqualTo("assigned");
        assertThat(parentUrl).startsWith(site.base + "/task/");
        assertThat(parentHeading).doesNotContain("pwned");
    }

    @Test
    void it_cannot_navigate_the_top_window() {
        assertThat(results.get("topNav").asText()).isNotEqualTo("assigned");
        assertThat(page.url()).startsWith(site.base + "/task/");
    }

    @Test
    void it_cannot_open_popups() {
        assertThat(results.get("popup").asText()).isIn("null", "threw:SecurityError");
        assertThat(pages).isEqualTo(1);
    }

    @Test
    void it_cannot_reach_the_network() {
        assertThat(results.get("fetchNet").asText()).startsWith("rejected:");
        assertThat(results.get("imgNet").asText()).isEqualTo("error");
        assertThat(results.get("ws").asText()).isIn("error", "threw:SecurityError", "threw:SyntaxError");
        // sendBeacon only queues (Chromium answers true); the policy stops the request itself, which the trap proves.
        assertThat(trapHits).as("requests that reached the trap server").isZero();
    }
}
