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

/**
 * The ways out that CSP alone does not close, tried by the hostile test answer: WebRTC (STUN to a
 * loopback UDP listener), nested documents that would bring WebRTC back, its own frame navigated
 * out (on the key "o"), and the answer opened as a page of its own. The UDP and HTTP traps stand for the outside
 * and must receive nothing.
 */
@Tag("chromium")
class SandboxEscapeTest {
    static final String HOSTILE = "article.answer:has(h3 a[href='/model/hostile'])";
    static WebFixture site;
    static BrowserForTests browsers;
    static BrowserContext context;
    static JsonNode results;
    static String runUrl;
    static int udpBefore;
    static int trapBefore;

    @BeforeAll
    static void runTheHostileAnswerInItsFrame() throws Exception {
        site = WebFixture.shared();
        browsers = new BrowserForTests();
        context = browsers.browser.newContext();
        udpBefore = site.udpHits.get();
        trapBefore = site.trapHits.get();
        Page page = context.newPage();
        page.navigate(site.base + "/task/" + site.firstTaskId());
        runUrl = page.locator(HOSTILE + " a.run").getAttribute("data-run");
        page.locator(HOSTILE + " a.run").click();
        Frame frame = page.locator(HOSTILE + " iframe").elementHandle().contentFrame();
        frame.waitForSelector("body[data-done='1']", new Frame.WaitForSelectorOptions().setTimeout(30_000));
        results = new ObjectMapper().readTree(frame.locator("body").getAttribute("data-results"));
        leave(page, frame);
        assertThat(page.url()).startsWith(site.base + "/task/");
        page.close();
    }

    @AfterAll
    static void close() {
        if (context != null) context.close();
        if (browsers != null) browsers.close();
    }

    @Test
    void webrtc_is_gone_from_the_preview_and_cannot_be_put_back() {
        assertThat(results.get("webrtc").asText()).isEqualTo("threw:TypeError");
        assertThat(results.get("webkitRtc").asText()).isEqualTo("threw:TypeError");
        assertThat(results.get("rtcGlobals").asText())
                .as("RTC interfaces left on the window")
                .isEmpty();
        assertThat(results.get("rtcBack").asText()).isEqualTo("threw:TypeError");
    }

    @Test
    void workers_have_no_webrtc_to_begin_with() {
        assertThat(results.get("worker").asText()).isEqualTo("undefined");
    }

    @Test
    void nested_documents_cannot_bring_webrtc_back() {
        assertThat(results.get("srcdoc").asText()).isEqualTo("threw:TypeError");
        assertThat(results.get("srcdocAttribute").asText()).isEqualTo("threw:TypeError");
        assertThat(results.get("srcdocHtml").asText()).isEqualTo("threw:TypeError");
        assertThat(results.get("staticSrcdoc").asText()).isEqualTo("removed");
        // An about:blank child gets an opaque origin of its own: its window cannot be reached at all.
        assertThat(results.get("blankFrame").asText()).isEqualTo("threw:SecurityError");
    }

    @Test
    void no_packet_and_no_request_reaches_the_outside() {
        assertThat(site.udpHits.get() - udpBefore)
                .as("UDP packets at the STUN trap")
                .isZero();
        assertThat(site.trapHits.get() - trapBefore)
                .as("HTTP requests at the trap")
                .isZero();
    }

    @Test
    void a_preview_opened_as_a_page_is_only_ever_framed_by_a_wrapper() {
        for (String url : new String[] {runUrl, runUrl + "?framed=1"}) {
            int udp = site.udpHits.get(), trap = site.trapHits.get();
            Page tab = context.newPage();
            tab.navigate(url);
            assertThat(tab.title()).as(url).isEqualTo("An answer running live · AutoBench");
            Frame answer = tab.locator("iframe").elementHandle().contentFrame();
            answer.waitForSelector("body[data-done='1']", new Frame.WaitForSelectorOptions().setTimeout(30_000));
            JsonNode r = readResults(answer);
            leave(tab, answer);
            assertThat(r.get("topNav").asText()).isNotEqualTo("assigned");
            assertThat(r.get("popup").asText()).isIn("null", "threw:SecurityError");
            assertThat(r.get("webrtc").asText()).isEqualTo("threw:TypeError");
            assertThat(tab.url()).as("the tab stays on the wrapper").isEqualTo(url);
            assertThat(context.pages()).hasSize(1);
            assertThat(site.udpHits.get() - udp).isZero();
            assertThat(site.trapHits.get() - trap).isZero();
            tab.close();
        }
    }

    /** The answer navigates its own frame towards the trap ("o"); then STUN retries get time to arrive. */
    private static void leave(Page page, Frame frame) {
        String trap = "http://127.0.0.1:" + site.trap.getAddress().getPort();
        frame.locator("canvas").click();
        page.keyboard().press("o");
        page.waitForTimeout(3000);
        assertThat(frame.url()).as("the frame's address after trying to leave").doesNotStartWith(trap);
    }

    private static JsonNode readResults(Frame frame) {
        try {
            return new ObjectMapper().readTree(frame.locator("body").getAttribute("data-results"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
