package autobench.bench;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.render.ChromiumForTests;
import autobench.testing.FreePorts;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.web.Site;
import autobench.wiring.Assembly;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.Sizes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Page weight and time to a running battle on a cold visit (issue 22): a fresh browser context
 * (empty cache) opens /battle, and, where the page still shows a "Run live" control per side,
 * clicks both; the figure is the time from asking for /battle until both answers' frames have
 * loaded and drawn two animation frames, and the bytes that went over the wire (bodies as sent,
 * plus headers) from the main origin and from the sandbox origin.
 *
 * <p>Two arenas: the demo models (canvas programs, no library), and two models whose answers load
 * the heavy libraries answers use (p5.js, and React 18 with in-browser Babel). Each is visited
 * with the sandbox's libraries sent as the client accepts (compressed) and with the client
 * asking the sandbox for identity (what previews got before), interleaved. Rendering is off (the
 * answers are marked rendered), so the battle page shows no poster images. Usage: [ROUNDS] (5);
 * COLD_BATTLE_MBPS=20 emulates a visitor's link (that many Mbit/s, 40 ms round trip) instead of
 * loopback; COLD_BATTLE_ARENAS picks arenas ("demo libraries"); COLD_BATTLE_DEBUG lists requests.
 */
public final class ColdBattleVisit {
    private ColdBattleVisit() {}

    record Visit(long millis, long mainBytes, long sandboxBytes, boolean clickedRunLive, int requests) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path chromium = ChromiumForTests.require();
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", node())));
                Browser browser = pw.chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(chromium)
                                .setHeadless(true)
                                .setChromiumSandbox(false)
                                .setArgs(List.of("--no-sandbox")))) {
            for (String arena : List.of(System.getenv()
                    .getOrDefault("COLD_BATTLE_ARENAS", "demo libraries")
                    .split(" "))) {
                try (Arena a = Arena.start(arena)) {
                    Map<String, List<Visit>> by = new HashMap<>();
                    visit(browser, a, true); // warm the server's JIT and the library caches, not the browser's
                    visit(browser, a, false);
                    for (int i = 0; i < rounds; i++) {
                        for (boolean compressed : new boolean[] {false, true})
                            by.computeIfAbsent(compressed ? "compressed" : "identity", k -> new ArrayList<>())
                                    .add(visit(browser, a, compressed));
                    }
                    for (var e : by.entrySet()) report(arena, e.getKey(), e.getValue());
                }
            }
        }
    }

    private static void report(String arena, String mode, List<Visit> visits) {
        long[] ms = visits.stream().mapToLong(Visit::millis).sorted().toArray();
        Visit first = visits.getFirst();
        System.out.printf(
                "%-9s sandbox %-10s: time to both answers running median %d ms (min %d, max %d, n=%d);"
                        + " bytes main %,d + sandbox %,d = %,d (%d requests)%s%n",
                arena,
                mode,
                ms[ms.length / 2],
                ms[0],
                ms[ms.length - 1],
                ms.length,
                first.mainBytes(),
                first.sandboxBytes(),
                first.mainBytes() + first.sandboxBytes(),
                first.requests(),
                first.clickedRunLive() ? "; clicked Run live on both sides" : "");
    }

    /** One cold visit: a new context has an empty HTTP cache. */
    static Visit visit(Browser browser, Arena a, boolean compressed) {
        try (BrowserContext context = browser.newContext()) {
            if (!compressed) context.setExtraHTTPHeaders(Map.of("Accept-Encoding", "identity"));
            Page page = context.newPage();
            String mbps = System.getenv("COLD_BATTLE_MBPS");
            if (mbps != null) { // a visitor's link rather than loopback: throughput both ways, 20 ms each way
                double bytesPerSecond = Double.parseDouble(mbps) * 1_000_000 / 8;
                JsonObject conditions = new JsonObject();
                conditions.addProperty("offline", false);
                conditions.addProperty("latency", 40);
                conditions.addProperty("downloadThroughput", bytesPerSecond);
                conditions.addProperty("uploadThroughput", bytesPerSecond);
                CDPSession cdp = context.newCDPSession(page);
                cdp.send("Network.enable");
                cdp.send("Network.emulateNetworkConditions", conditions);
            }
            List<Request> finished = new CopyOnWriteArrayList<>();
            page.onRequestFinished(finished::add);
            long t0 = System.nanoTime();
            page.navigate(a.base + "/battle");
            boolean clicked = false;
            var runs = page.locator("a.run[data-run]");
            int n = runs.count();
            if (n > 0) {
                for (int i = 0; i < n; i++) runs.nth(0).click(); // each click replaces its control with the frame
                clicked = true;
            }
            page.waitForCondition(
                    () -> answerFrames(page, a).size() >= 2, new Page.WaitForConditionOptions().setTimeout(60_000));
            for (Frame f : answerFrames(page, a)) {
                f.waitForLoadState();
                f.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            page.waitForTimeout(300); // late requests (fonts, lazy chunks) still count as page weight
            long main = 0, sandbox = 0;
            for (Request r : finished) {
                Sizes s = r.sizes();
                long bytes = Math.max(0, s.responseBodySize) + Math.max(0, s.responseHeadersSize);
                if (System.getenv("COLD_BATTLE_DEBUG") != null)
                    System.out.printf(
                            "  %s %d+%d %s%n",
                            compressed ? "c" : "i",
                            s.responseHeadersSize,
                            s.responseBodySize,
                            r.url().substring(0, Math.min(120, r.url().length())));
                if (r.url().startsWith(a.sandbox)) sandbox += bytes;
                else main += bytes;
            }
            return new Visit(millis, main, sandbox, clicked, finished.size());
        }
    }

    private static List<Frame> answerFrames(Page page, Arena a) {
        return page.frames().stream()
                .filter(f -> f.url().startsWith(a.sandbox + "/run/"))
                .toList();
    }

    /** A published arena with one task and its answers marked rendered, served on free ports. */
    record Arena(Assembly assembly, Site site, String base, String sandbox) implements AutoCloseable {
        static Arena start(String kind) throws IOException {
            Path dir = Files.createTempDirectory("cold-battle");
            int[] ports = FreePorts.distinct(2);
            int port = ports[0], sandboxPort = ports[1];
            String models = kind.equals("demo") ? """
                      - {id: demo-orbit, provider: demo, model: demo-orbit}
                      - {id: demo-grid, provider: demo, model: demo-grid}
                    """ : """
                      - {id: p5-sketch, provider: demo, model: p5-sketch}
                      - {id: react-babel, provider: demo, model: react-babel}
                    """;
            String yaml = """
                    database: "jdbc:sqlite:%s/cold.db"
                    zone: UTC
                    tasks_per_day: 1
                    render: {enabled: false}
                    web: {port: %d, sandbox_port: %d}
                    voting: {min_view_seconds: 0}
                    models:
                    %s""".formatted(dir, port, sandboxPort, models);
            Config config = TestConfigs.load(dir, yaml, Map.of());
            TestAssembly builder = TestAssembly.of(config);
            if (!kind.equals("demo"))
                builder = builder.providers(Map.of(
                        "p5-sketch", answer(page("realistic/p5_jsdelivr_1_11_mouse.html")),
                        "react-babel", answer(page("answers/react18_babel_counter.html"))));
            Assembly assembly = builder.build();
            assembly.pipeline().dailyCycle().run(LocalDate.now(config.zone()));
            assembly.storage().database().jdbi().useHandle(h -> {
                h.execute("""
                        INSERT INTO render_results
                          (submission_id, status, result, seed, attempts, created_at, updated_at)
                        SELECT id, 'done', 'ok', 0, 1, 0, 0 FROM submissions WHERE status = 'succeeded'
                        ON CONFLICT (submission_id) DO NOTHING""");
                h.execute("UPDATE tasks SET status = 'published' WHERE status = 'dispatched'");
            });
            Site site = Serving.start(assembly.website(), config.web(), "127.0.0.1");
            return new Arena(assembly, site, "http://127.0.0.1:" + port, "http://127.0.0.1:" + sandboxPort);
        }

        @Override
        public void close() {
            site.close();
            assembly.close();
        }
    }

    private static Provider answer(String html) {
        return p -> new Completion.Answered(
                "```html\n" + html + "\n```", "", Finish.STOP, new Usage(10, 10, 0), "bench-1", "{}");
    }

    private static String page(String name) throws IOException {
        try (InputStream in = ColdBattleVisit.class.getResourceAsStream("/autobench/render/" + name)) {
            if (in == null) throw new IllegalArgumentException("no page " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String node() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "node")))
                return Path.of(d, "node").toString();
        }
        return "/usr/bin/node";
    }
}
