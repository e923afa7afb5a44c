package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.render.ChromiumForTests;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.vote.SimulatedVisitors;
import autobench.wiring.Assembly;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every page of the site in Chromium at 1280 and 375 px, the operator's pages signed in: no
 * sideways scroll on a phone, no table or chart cut off, chart labels of 11 px or more, axe-core
 * clean, no console error and no failed request (the favicon included). A screenshot of each page
 * at both widths goes to target/web-screenshots/sweep-*.png. The pages are a list of paths
 * ({@link #pages()}): a page added to the site is one line here.
 *
 * <p>Its own arena, like the demo's: two "real" models (answers from a fixed program, with prices
 * and the model facts in the config) and three demo models over three days, the demo's simulated
 * votes (a settled board), three people's votes (provisional boards), and a published export.
 */
@Tag("slow")
@Tag("chromium")
@ResourceLock(ChromiumForTests.RENDER_LANE_A)
class PageSweepTest {
    static final Path SHOTS = Path.of("target", "web-screenshots");
    static final String TOKEN = "operator-token-for-the-page-sweep-0123";
    static final int[] WIDTHS = {1280, 375};
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;

    static Assembly arena;
    /** The day the fixture published last, fixed at setup: a run that crosses midnight UTC still sweeps its pages. */
    static LocalDate lastDay;

    static Site site;
    static String base;
    static BrowserForTests browsers;

    @BeforeAll
    static void start() throws Exception {
        ChromiumForTests.require();
        Files.createDirectories(SHOTS);
        Path shelf = Files.createDirectories(tmp.resolve("exports"));
        String yaml = """
                database: "jdbc:sqlite:%s/sweep.db"
                zone: UTC
                tasks_per_day: 1
                render: {enabled: true, time_limit_seconds: 20, lanes: 1}
                web: {port: 0, sandbox_port: 0, admin_token_env: ADMIN_TOKEN, export_dir: "%s"}
                voting: {min_view_seconds: 0, reveal_after_days: 0}
                models:
                  - {id: sim-large-2, provider: openai-compatible, model: large-2, base_url: "http://127.0.0.1:9/v1",
                     price: {input: 2.5, output: 10}, context_window: 128000, open_weights: false,
                     served_from: "A hosted API (simulated in this test)"}
                  - {id: sim-open-7b, provider: openai-compatible, model: open-7b, base_url: "http://127.0.0.1:9/v1",
                     price: {input: 0.05, output: 0.08}, context_window: 32768, open_weights: true}
                  - {id: demo-orbit, provider: demo, model: demo-orbit}
                  - {id: demo-grid, provider: demo, model: demo-grid}
                  - {id: demo-waves, provider: demo, model: demo-waves}
                """.formatted(tmp, shelf);
        Config config = TestConfigs.load(tmp, yaml, Map.of("ADMIN_TOKEN", TOKEN));
        arena = TestAssembly.of(config)
                .env(Map.of("ADMIN_TOKEN", TOKEN))
                .providers(Map.of("sim-large-2", program("#1d4ed8"), "sim-open-7b", program("#b45309")))
                .build();
        LocalDate today = arena.today().date();
        lastDay = today;
        List<LocalDate> days = List.of(today.minusDays(2), today.minusDays(1), today);
        for (LocalDate d : days) arena.pipeline().dailyCycle().run(d);
        new SimulatedVisitors(arena.website().battles(), 7).run(days, 40);
        arena.storage().newExporter("test").export(shelf.resolve("2026-sweep"), null, null);
        site = Serving.start(arena.website(), config.web(), "127.0.0.1");
        base = "http://127.0.0.1:" + site.port();
        for (int i = 0; i < 3; i++) vote();
        browsers = new BrowserForTests();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        if (site != null) site.close();
        if (arena != null) arena.close();
    }

    /** A fixed answer for a "real" model: a canvas program in its own colour. */
    static Provider program(String colour) {
        String html = """
                ```html
                <!doctype html><html><body style="margin:0;background:#111">
                <canvas id="c" width="800" height="600"></canvas>
                <script>const g = document.getElementById('c').getContext('2d'); let t = 0;
                (function f() { g.fillStyle = '#111'; g.fillRect(0, 0, 800, 600); g.fillStyle = '%s';
                g.fillRect(300 + 200 * Math.sin(t / 30), 250, 200, 100); t++; requestAnimationFrame(f); })();</script>
                </body></html>
                ```""".formatted(colour);
        return p -> new Completion.Answered(html, "", Finish.STOP, new Usage(900, 400, 0), "sim-1", "{}");
    }

    /** One person's vote through the battle page, as a browser without JavaScript casts it. */
    static void vote() throws Exception {
        HttpResponse<String> b = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/battle")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = b.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(b.body());
        assertThat(m.find()).as("the battle page offers a pair").isTrue();
        HttpResponse<String> v = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/battle/vote"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + m.group(1) + "&choice=left"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(v.statusCode()).isEqualTo(200);
    }

    /** A page to visit: its path, the status it answers with, and whether it needs the operator's session. */
    record Visit(String path, int status, boolean admin) {
        String name() {
            String n = path.equals("/") ? "home" : path.substring(1).replaceAll("[^A-Za-z0-9]+", "-");
            return n.length() > 40 ? n.substring(0, 40) : n;
        }
    }

    /** Every page of the site: public ones, the two error pages, and the operator's. */
    static List<Visit> pages() {
        var first = arena.website().gallery().day(lastDay).get(0);
        String task = first.id();
        String code = first.answers().stream()
                .filter(a -> a.hasCode())
                .findFirst()
                .orElseThrow()
                .submissionId();
        return List.of(
                new Visit("/", 200, false),
                new Visit("/archive", 200, false),
                new Visit("/task/" + task, 200, false),
                new Visit("/answer/" + code + "/code", 200, false),
                new Visit("/battle", 200, false),
                new Visit("/leaderboard", 200, false),
                new Visit("/model/sim-large-2", 200, false),
                new Visit("/model/demo-orbit", 200, false),
                new Visit("/data", 200, false),
                new Visit("/methodology", 200, false),
                new Visit("/my/votes", 200, false),
                new Visit("/no/such/page", 404, false),
                new Visit("/leaderboard?from=not-a-date", 400, false),
                new Visit("/admin", 200, true),
                new Visit("/admin/audit", 200, true),
                new Visit("/admin/integrity", 200, true));
    }

    @Test
    void every_page_fits_a_phone_passes_axe_and_logs_no_error_at_1280_and_375_px() {
        String axe = WebFixture.resource("axe.min.js");
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            try (BrowserContext context = browsers.browser.newContext(
                    new Browser.NewContextOptions().setViewportSize(width, width >= 1000 ? 900 : 800))) {
                signIn(context);
                for (Visit v : pages()) {
                    Page page = context.newPage();
                    List<String> errors = BrowserForTests.watchErrors(page);
                    List<String> failed = new CopyOnWriteArrayList<>();
                    page.onResponse(r -> {
                        if (r.status() >= 400 && !r.url().equals(base + v.path()))
                            failed.add(r.status() + " " + r.url());
                    });
                    page.onRequestFailed(r -> failed.add("failed " + r.url() + " " + r.failure()));
                    AtomicInteger inFlight = BrowserForTests.inFlight(page);
                    var response = page.navigate(base + v.path());
                    BrowserForTests.awaitQuiet(page, inFlight);
                    String at = v.path() + " @" + width + ": ";
                    if (response.status() != v.status()) problems.add(at + "status " + response.status());
                    page.screenshot(new Page.ScreenshotOptions()
                            .setPath(SHOTS.resolve("sweep-" + v.name() + "-" + width + ".png"))
                            .setFullPage(true));
                    Number sideways =
                            (Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                    if (sideways.intValue() > 0) problems.add(at + "scrolls sideways by " + sideways + " px");
                    String cut = (String) page.evaluate(CUT_OFF);
                    if (!cut.isEmpty()) problems.add(at + "cut off: " + cut);
                    String small = (String) page.evaluate(SMALL_CHART_TEXT);
                    if (!small.isEmpty()) problems.add(at + "chart text under 11 px: " + small);
                    page.evaluate(axe);
                    String violations = (String) page.evaluate(AXE);
                    if (!violations.equals("[]")) problems.add(at + "axe: " + violations);
                    // An error page's own status is logged by Chromium as a failed load: that one is the point of the
                    // page.
                    errors.removeIf(
                            e -> v.status() >= 400 && e.startsWith(base + v.path() + ":0:0: Failed to load resource"));
                    if (!errors.isEmpty()) problems.add(at + "console: " + errors);
                    if (!failed.isEmpty()) problems.add(at + "requests: " + failed);
                    page.close();
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_leaderboard_puts_the_provisional_boards_below_the_settled_one_with_its_matrix_and_history() {
        try (BrowserContext context =
                browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 800))) {
            Page page = context.newPage();
            page.navigate(base + "/leaderboard");
            List<String> order = page.locator("section.board").all().stream()
                    .map(s -> s.getAttribute("data-pool") + ":" + s.getAttribute("data-provisional"))
                    .toList();
            // The simulated board is settled (120 votes among three models); people's three votes are not.
            assertThat(order.get(0)).isEqualTo("simulated:no");
            assertThat(order.subList(1, order.size())).isNotEmpty().allMatch(o -> o.endsWith(":yes"));
            assertThat(page.locator(".provisional-boards section.board").count())
                    .isEqualTo(order.size() - 1);
            assertThat(page.locator("section.board[data-pool=simulated] svg.matrix")
                            .count())
                    .isEqualTo(1);
            assertThat(page.locator("section.board[data-pool=simulated] svg.matrix text.cell")
                            .count())
                    .isEqualTo(6); // three models: every cell off the diagonal
            assertThat(page.locator("section.board[data-pool=simulated] svg.chart.narrow path.series")
                            .count())
                    .isEqualTo(3);
            // At 375 px the narrow layout shows, the wide one does not.
            assertThat(page.locator("section.board[data-pool=simulated] svg.chart.narrow")
                            .first()
                            .isVisible())
                    .isTrue();
            assertThat(page.locator("section.board[data-pool=simulated] svg.chart.wide")
                            .first()
                            .isVisible())
                    .isFalse();
            assertThat(page.locator("section.board[data-pool=simulated] table.ratings th:has-text('Elo')")
                            .isVisible())
                    .isFalse();
            // With the fewer columns of a phone, the settled board's table fits: nothing to scroll to.
            assertThat((Number) page.locator("section.board[data-pool=simulated] div.scroll")
                            .first()
                            .evaluate("e => e.scrollWidth - e.clientWidth"))
                    .satisfies(n -> assertThat(n.intValue()).isLessThanOrEqualTo(0));
        }
    }

    @Test
    void the_model_page_shows_price_context_window_open_weights_and_where_it_is_served_from() {
        try (BrowserContext context = browsers.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/model/sim-large-2");
            String facts = page.locator("dl.model-facts").textContent().replaceAll("\\s+", " ");
            assertThat(facts)
                    .contains("$2.50 per million input tokens, $10.00 per million output tokens")
                    .contains("128,000 tokens")
                    .contains("No: only its provider serves it")
                    .contains("A hosted API (simulated in this test)");
            page.navigate(base + "/model/sim-open-7b");
            assertThat(page.locator("dl.model-facts").textContent().replaceAll("\\s+", " "))
                    .contains("$0.05 per million input tokens, $0.08 per million output tokens")
                    .contains("32,768 tokens")
                    .contains("Yes: anyone can download and run it")
                    .contains("Served from Not stated");
        }
    }

    @Test
    void the_favicon_is_an_icon_cached_for_a_week_and_every_page_links_it() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/x-icon");
        assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("public, max-age=604800");
        assertThat(r.body()).startsWith(0, 0, 1, 0); // ICO header: reserved 0, type 1
        assertThat(r.body().length).isLessThan(2048);
        HttpResponse<String> home =
                HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.body()).contains("<link rel=\"icon\" href=\"/favicon.ico\"");
    }

    private static void signIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(base + "/admin");
        page.locator("#token").fill(TOKEN);
        page.locator("form.admin-login button").click();
        page.waitForURL(base + "/admin");
        page.close();
    }

    /** Tables and charts wider than the screen must scroll inside a box of their own, never be clipped. */
    static final String CUT_OFF = """
            () => {
              const out = [];
              for (const el of document.querySelectorAll('table, svg.chart, svg.matrix, pre')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.right <= window.innerWidth + 0.5) continue;
                let box = el.parentElement, scrolls = false;
                while (box && box !== document.body) {
                  const o = getComputedStyle(box).overflowX;
                  if ((o === 'auto' || o === 'scroll') && box.getBoundingClientRect().right <= window.innerWidth + 0.5) {
                    scrolls = true; break;
                  }
                  box = box.parentElement;
                }
                if (!scrolls) out.push(el.tagName + '.' + el.getAttribute('class') + ' ' + Math.round(r.width) + 'px');
              }
              return out.join(', ');
            }""";

    /** Rendered size of every visible chart label: font size times the SVG's scale on screen. */
    static final String SMALL_CHART_TEXT = """
            () => {
              const out = [];
              for (const t of document.querySelectorAll('svg.chart text, svg.matrix text')) {
                const svg = t.ownerSVGElement;
                if (svg.getBoundingClientRect().width === 0 || t.closest('details:not([open])')) continue;
                const px = parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a;
                if (px < 11) out.push('"' + t.textContent.slice(0, 20) + '" ' + px.toFixed(1) + 'px');
              }
              return out.slice(0, 5).join(', ');
            }""";

    static final String AXE = "async () => JSON.stringify((await axe.run(document, {resultTypes: ['violations']}))"
            + ".violations.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3)"
            + ".join(', ')))";
}
