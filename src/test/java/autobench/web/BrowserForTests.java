package autobench.web;

import autobench.render.ChromiumForTests;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium driven by Playwright, the way the renderer starts it (no browser download,
 * the machine's Node.js, no Chromium sandbox as root). Missing Chromium fails under CI=true and
 * skips loudly elsewhere, as in {@link ChromiumForTests}.
 */
final class BrowserForTests implements AutoCloseable {
    final Playwright playwright;
    final Browser browser;

    BrowserForTests() {
        this(List.of());
    }

    /** With extra Chromium switches, e.g. the process isolation desktop Chrome has and the headless shell lacks. */
    BrowserForTests(List<String> extraArgs) {
        Path chromium = ChromiumForTests.require();
        List<String> args = new ArrayList<>(List.of("--no-sandbox"));
        args.addAll(extraArgs);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", node())));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setChromiumSandbox(false)
                        .setArgs(args)
                        .setTimeout(30_000));
    }

    /** Console errors and uncaught exceptions of a page (and its frames), collected as they happen. */
    static List<String> watchErrors(Page page) {
        List<String> errors = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) errors.add(m.location() + ": " + m.text());
        });
        page.onPageError(e -> errors.add("uncaught: " + e));
        return errors;
    }

    /**
     * Counts a page's requests (its frames' included) that have not finished or failed yet: register
     * before navigating, then {@link #awaitQuiet}.
     */
    static AtomicInteger inFlight(Page page) {
        AtomicInteger n = new AtomicInteger();
        page.onRequest(r -> n.incrementAndGet());
        page.onRequestFinished(r -> n.decrementAndGet());
        page.onRequestFailed(r -> n.decrementAndGet());
        return n;
    }

    /** How long no request may be in flight before a page counts as quiet. */
    static final long QUIET_MS = 150;

    /**
     * After the load event, waits until no request has been in flight for {@link #QUIET_MS}: what
     * Playwright's "network idle" waits for, except that it always waits 500 ms after the last
     * request, which cost the page sweep 30 s of its 60 visits (29.3 s for the sweep alone, 18.3 s
     * with this). A page still busy after 10 s gets Playwright's own wait, which fails the test with
     * its timeout if the page never goes quiet.
     */
    static void awaitQuiet(Page page, AtomicInteger inFlight) {
        page.waitForLoadState(LoadState.LOAD);
        long giveUp = System.nanoTime() + 10_000_000_000L;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < giveUp) {
            if (inFlight.get() > 0) quietSince = System.nanoTime();
            else if (System.nanoTime() - quietSince >= QUIET_MS * 1_000_000) return;
            page.waitForTimeout(25); // Playwright delivers the request events while it waits
        }
        page.waitForLoadState(LoadState.NETWORKIDLE);
    }

    private static String node() {
        String explicit = System.getenv("PLAYWRIGHT_NODEJS_PATH");
        if (explicit != null && !explicit.isBlank()) return explicit;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "node")))
                return Path.of(d, "node").toString();
        }
        return "/usr/bin/node";
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
