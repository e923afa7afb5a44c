package autobench.render;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ScreenshotCaret;
import com.microsoft.playwright.options.ScreenshotType;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;

import java.util.regex.Pattern;

/**
 * One render on one browser, run on the lane's Playwright thread.
 *
 * <p>Page time is a paused fake clock that moves only when we say so: frames are taken at exact
 * page times (reproducible, and no waiting in real time). The page is opened twice in one fresh
 * context, loading side by side: the first is only watched (poster, frames, console), the second
 * gets the input. One clock drives both, so the last frame of the first is the same moment of
 * the same program without input, which is what the {@code interactive} check compares against.
 * Everything learnt goes into the {@link Trace}, so a render killed half-way still reports.
 */
final class RenderJob {
    /** The page's Date starts here, so clocks drawn by a page are the same on every render. */
    static final long PAGE_EPOCH_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final Browser browser;
    private final RenderConfig config;
    private final LibraryRoutes libraries;
    private final String html;
    private final String initScript;
    private final Trace trace;
    private final long stepTimeout;

    RenderJob(Browser browser, RenderConfig config, LibraryRoutes libraries, String html, long seed, Trace trace) {
        this.browser = browser;
        this.config = config;
        this.libraries = libraries;
        this.html = html;
        this.initScript = InitScript.forSeed(seed);
        this.trace = trace;
        // Soft limits inside the hard one, so that a page that never loads or never answers is
        // reported precisely rather than by the watchdog.
        this.stepTimeout = Math.max(1_000, config.timeLimit().toMillis() / 4);
    }

    void run() {
        try (BrowserContext context = open()) {
            Page watched = page(context, true);
            Page touched = page(context, false);
            context.onPage(p -> { if (p != watched && p != touched) p.close(); }); // popups that got past window.open
            PageClock clock = new PageClock(context, trace);
            trace.stage("loading");
            long start = System.nanoTime();
            watched.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT).setTimeout(stepTimeout));
            touched.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT).setTimeout(stepTimeout));
            try {
                watched.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(stepTimeout));
                trace.loadMs = (System.nanoTime() - start) / 1_000_000;
                touched.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(stepTimeout / 4));
            } catch (TimeoutError e) {
                trace.console("autobench", "the page did not finish loading within " + stepTimeout + " ms; rendering it anyway");
            }
            if (!responsive(watched)) return;
            trace.stage("running");
            long settle = config.settle().toMillis();
            clock.advance(settle);
            trace.stage("taking the poster");
            trace.captures.frame(shot(watched));
            trace.stage("trying input");
            long now = settle + Input.apply(touched, clock, config.width(), config.height());
            long step = config.frameSpan().toMillis() / (config.frames() - 1);
            byte[] last = null;
            for (int i = 1; i < config.frames(); i++) {
                trace.stage("taking frame " + i);
                long due = settle + i * step;
                if (due > now) clock.advance(due - now);
                now = Math.max(now, due);
                last = shot(watched);
                trace.captures.frame(last);
            }
            trace.stage("taking the picture after input");
            trace.captures.input(last, shot(touched));
            firstPaint(watched);
        } catch (PlaywrightException e) {
            if (trace.crash() == null && !trace.isTimedOut()) trace.console("autobench", "render stopped: " + firstLine(e));
        }
    }

    private BrowserContext open() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(config.width(), config.height()).setDeviceScaleFactor(1)
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK).setAcceptDownloads(false)
                .setLocale("en-US").setTimezoneId("UTC"));
        context.setDefaultTimeout(stepTimeout);
        context.addInitScript(initScript);
        NetworkGuard guard = new NetworkGuard(libraries, html, trace);
        context.route(Pattern.compile(".*"), guard::handle);
        context.routeWebSocket(Pattern.compile(".*"), guard::handle);
        // pauseAt alone installs a clock that moves only by runFor. install() then pauseAt() would
        // let real time run between the two, a few ms that differ per render and break the twin.
        context.clock().pauseAt(PAGE_EPOCH_MS);
        return context;
    }

    private Page page(BrowserContext context, boolean watched) {
        Page page = context.newPage();
        page.onDialog(d -> { try { d.dismiss(); } catch (PlaywrightException ignored) { } });
        page.onCrash(p -> trace.crashed("the page crashed (out of memory or killed)"));
        if (watched) { // the twin runs the same code; its messages would only repeat these
            page.onConsoleMessage(m -> trace.console(m.type(), m.text()));
            page.onPageError(trace::error);
        }
        return page;
    }

    /**
     * A page stuck in a loop cannot answer even a trivial query; don't feed it more work. A page
     * that is merely slow (a 10 MB DOM on a busy machine) gets up to half the time limit.
     */
    private boolean responsive(Page page) {
        try {
            page.waitForSelector("html", new Page.WaitForSelectorOptions()
                    .setState(WaitForSelectorState.ATTACHED).setTimeout(stepTimeout * 2));
            return true;
        } catch (TimeoutError e) {
            trace.hung();
            return false;
        }
    }

    private static byte[] shot(Page page) {
        // caret INITIAL: hiding the caret costs two extra round trips per picture
        return page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.PNG).setCaret(ScreenshotCaret.INITIAL));
    }

    private void firstPaint(Page page) {
        // The fake clock empties performance's entry lists; init.js kept the real one for us.
        Object v = page.evaluate("() => typeof __autobenchFirstPaint === 'function' ? __autobenchFirstPaint() : null");
        if (v instanceof Number n) trace.firstPaintMs = n.longValue();
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
