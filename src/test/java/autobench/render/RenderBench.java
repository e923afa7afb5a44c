package autobench.render;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.WaitUntilState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Renders per minute, side by side in one run, alternating round by round so that all see the
 * same machine: the renderer (one reused browser per lane) against the baseline, one cold
 * {@code chromium --headless --screenshot} process per page, run one after another. Also the
 * floor: the least any renderer with a fresh context per page can do (open a context and a page,
 * load, one PNG, close), and the floor plus the 4 s of page time every render runs (1 s to settle,
 * 3 s of frames), to show how much of a render is those and how much the render's own work.
 * Two workloads: the demo day (the pages `./autobench demo` renders) and twelve canvas programs.
 * CPU is that of this JVM and every process under it. Run by bench/render-throughput.sh.
 */
final class RenderBench {
    static final LocalDate DEMO_DAY = LocalDate.of(2026, 11, 29);

    record Tally(double ms, double cpu, int pages) {
        Tally plus(double ms2, double cpu2, int n) {
            return new Tally(ms + ms2, cpu + cpu2, pages + n);
        }

        double perMinute() {
            return pages / (ms / 60_000);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int lanes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path chromium = Renderer.find().orElseThrow(() -> new IllegalStateException(Renderer.installHint()));
        // The baseline is the issue's: the full browser binary, `chromium --headless --screenshot`.
        Path browser = Path.of(System.getenv().getOrDefault("AUTOBENCH_BASELINE_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(browser))
            throw new IllegalStateException("no " + browser + " for the baseline (apt-get install -y chromium)");
        Path dir = Files.createTempDirectory("autobench-bench");
        System.out.printf(
                Locale.ROOT,
                "rounds=%d lanes=%d cores=%d baseline=%s renderer=%s%n",
                rounds,
                lanes,
                Runtime.getRuntime().availableProcessors(),
                browser,
                chromium);

        RenderConfig config = RenderConfig.defaults(chromium).withLanes(lanes);
        long startOpen = System.nanoTime();
        try (Renderer renderer = Renderer.open(config);
                Floor floor = new Floor(chromium, lanes)) {
            System.out.printf(
                    Locale.ROOT,
                    "renderer start-up (once per day's batch, not counted): %.0f ms%n",
                    (System.nanoTime() - startOpen) / 1e6);
            workload(
                    "demo day " + DEMO_DAY + " (what `./autobench demo` renders)",
                    DemoDay.pages(DEMO_DAY),
                    rounds,
                    lanes,
                    browser,
                    dir,
                    renderer,
                    floor);
            workload(
                    "twelve canvas programs (DemoPages)",
                    DemoPages.all(),
                    rounds,
                    lanes,
                    browser,
                    dir,
                    renderer,
                    floor);
        }
    }

    static void workload(
            String name,
            List<String> pages,
            int rounds,
            int lanes,
            Path browser,
            Path dir,
            Renderer renderer,
            Floor floor)
            throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++)
            files.add(Files.writeString(Files.createTempFile(dir, "page", ".html"), pages.get(i)));
        baseline(browser, files.subList(0, 1), dir); // warm caches and JIT for all three
        ours(renderer, pages.subList(0, 1), lanes);
        floor.all(pages.subList(0, 1), 4_000);
        Tally base = new Tally(0, 0, 0), mine = base, bare = base, timed = base;
        for (int r = 0; r < rounds; r++) {
            double c0 = CpuMeter.treeMs();
            double b = baseline(browser, files, dir);
            double c1 = CpuMeter.treeMs();
            double o = ours(renderer, pages, lanes);
            double c2 = CpuMeter.treeMs();
            double f = floor.all(pages, 0);
            double c3 = CpuMeter.treeMs();
            double ft = floor.all(pages, 4_000);
            double c4 = CpuMeter.treeMs();
            base = base.plus(b, c1 - c0, pages.size());
            mine = mine.plus(o, c2 - c1, pages.size());
            bare = bare.plus(f, c3 - c2, pages.size());
            timed = timed.plus(ft, c4 - c3, pages.size());
        }
        System.out.printf(Locale.ROOT, "%n%s: %d pages x %d rounds%n", name, pages.size(), rounds);
        line("baseline  cold chromium --screenshot, one at a time", base, base);
        line("renderer  reused browser, " + lanes + " lane(s)", mine, base);
        line("floor     fresh context, load, 1 PNG, " + lanes + " lane(s)", bare, base);
        line("floor     + 4 s of page time before the PNG", timed, base);
    }

    static void line(String what, Tally t, Tally base) {
        System.out.printf(
                Locale.ROOT,
                "  %-48s %6.1f renders/min  %5.0f ms/page  %5.0f ms CPU/page  %5.2fx%n",
                what,
                t.perMinute(),
                t.ms / t.pages,
                t.cpu / t.pages,
                t.perMinute() / base.perMinute());
    }

    /** Wall time to screenshot every page with its own cold Chromium and fresh profile. */
    static double baseline(Path chromium, List<Path> files, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (Path page : files) {
            Path profile = Files.createTempDirectory(dir, "profile");
            Process p = new ProcessBuilder(
                            chromium.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--disable-quic",
                            "--host-resolver-rules=MAP * ~NOTFOUND",
                            "--user-data-dir=" + profile,
                            "--window-size=800,600",
                            "--screenshot=" + page + ".png",
                            page.toUri().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Wall time for the renderer to render every page, {@code lanes} at a time. */
    static double ours(Renderer renderer, List<String> pages, int lanes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        long start = System.nanoTime();
        List<Future<RenderOutput>> outs = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            long seed = i;
            outs.add(pool.submit(() -> renderer.render(page, seed)));
        }
        for (Future<RenderOutput> f : outs) {
            RenderOutput o = f.get();
            if (o.status() != RenderStatus.OK)
                System.out.println("  note: a page rendered as " + o.status().wireName() + ": " + o.reason());
        }
        double ms = (System.nanoTime() - start) / 1e6;
        pool.shutdown();
        return ms;
    }

    /**
     * The floor: per page a fresh context with the renderer's routes and init script, one page,
     * load, one full-size PNG, close. No page time, frames, checks, input or preview. One browser
     * per lane, each used only by its own thread (Playwright is not thread-safe).
     */
    static final class Floor implements AutoCloseable {
        private final List<ExecutorService> threads = new ArrayList<>();
        private final List<Playwright> playwrights = new ArrayList<>();
        private final List<Browser> browsers = new ArrayList<>();

        Floor(Path chromium, int lanes) throws Exception {
            for (int i = 0; i < lanes; i++) {
                ExecutorService t = Executors.newSingleThreadExecutor();
                threads.add(t);
                t.submit(() -> {
                            Playwright pw = Playwright.create(new Playwright.CreateOptions()
                                    .setEnv(Map.of(
                                            "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                                            "1",
                                            "PLAYWRIGHT_NODEJS_PATH",
                                            NodeLocator.node().toString())));
                            playwrights.add(pw);
                            browsers.add(pw.chromium()
                                    .launch(new BrowserType.LaunchOptions()
                                            .setExecutablePath(chromium)
                                            .setHeadless(true)
                                            .setChromiumSandbox(false)
                                            .setArgs(ChromiumArgs.launch("bench-floor"))
                                            .setIgnoreDefaultArgs(ChromiumArgs.removedDefaults())));
                            return null;
                        })
                        .get();
            }
        }

        /** Renders every page the floor's way; {@code pageTimeMs} of page time runs before the picture. */
        double all(List<String> pages, long pageTimeMs) throws Exception {
            ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < pages.size(); i++) todo.add(i);
            long start = System.nanoTime();
            List<Future<?>> jobs = new ArrayList<>();
            for (int lane = 0; lane < threads.size(); lane++) {
                Browser browser = browsers.get(lane);
                jobs.add(threads.get(lane).submit(() -> {
                    for (Integer i; (i = todo.poll()) != null; ) one(browser, pages.get(i), i, pageTimeMs);
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
            return (System.nanoTime() - start) / 1e6;
        }

        private static void one(Browser browser, String html, long seed, long pageTimeMs) {
            try (BrowserContext context =
                    browser.newContext(new Browser.NewContextOptions().setViewportSize(800, 600))) {
                context.addInitScript(InitScript.forSeed(seed));
                context.route(
                        Pattern.compile(".*"),
                        r -> r.fulfill(new Route.FulfillOptions()
                                .setStatus(200)
                                .setHeaders(Map.of("content-type", "text/html"))
                                .setBody(html)));
                Page page = context.newPage();
                page.bringToFront();
                page.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD));
                if (pageTimeMs > 0) new PageClock(page).advance(pageTimeMs);
                JsonObject params = new JsonObject();
                params.addProperty("format", "png");
                params.addProperty("optimizeForSpeed", true);
                RenderJob.capture(context.newCDPSession(page), params);
            }
        }

        @Override
        public void close() throws Exception {
            for (int lane = 0; lane < threads.size(); lane++) {
                Playwright pw = playwrights.get(lane);
                threads.get(lane).submit(pw::close).get();
                threads.get(lane).shutdown();
            }
        }
    }
}
