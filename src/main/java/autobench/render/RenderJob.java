package autobench.render;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.ScreenshotCaret;
import com.microsoft.playwright.options.ScreenshotType;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One render on one browser, run on the lane's Playwright thread. Page time is a fake clock that
 * only moves when we say so: frames are taken at exact page times (reproducible, and no waiting
 * in real time), and a replay with input can be compared with the same moment without it.
 * Everything it learns goes into the {@link Trace}, so a render killed half-way still reports.
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
        // Soft limits inside the hard one: a page that never loads or never answers gets a quarter
        // of the time each, so it is reported precisely instead of by the watchdog.
        this.stepTimeout = Math.max(1_000, config.timeLimit().toMillis() / 4);
    }

    void run() {
        try (BrowserContext context = open(true)) {
            Page page = context.pages().getFirst();
            trace.stage("loading");
            long start = System.nanoTime();
            try {
                page.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions()
                        .setWaitUntil(WaitUntilState.LOAD).setTimeout(stepTimeout));
                trace.loadMs = (System.nanoTime() - start) / 1_000_000;
            } catch (TimeoutError e) {
                trace.console("autobench", "the page did not finish loading within " + stepTimeout + " ms; rendering it anyway");
            }
            if (!responsive(page)) return;
            trace.stage("running");
            long pageTime = config.settle().toMillis();
            clock(context).advance(pageTime);
            trace.stage("taking pictures");
            byte[] last = shot(page);
            trace.captures.frame(last);
            long step = config.frameSpan().toMillis() / (config.frames() - 1);
            for (int i = 1; i < config.frames(); i++) {
                clock(context).advance(step);
                pageTime += step;
                trace.stage("frame " + i);
                last = shot(page);
                trace.captures.frame(last);
            }
            trace.stage("first paint");
            firstPaint(page);
            trace.stage("trying input");
            boolean moving = animates(trace.captures.frames());
            if (!moving) {
                Input.apply(page, clock(context), config.width(), config.height());
                trace.captures.input(last, shot(page));
            } else {
                replayWithInput(pageTime, last);
            }
        } catch (PlaywrightException e) {
            if (trace.crash() == null && !trace.isTimedOut()) trace.console("autobench", "render stopped: " + firstLine(e));
        }
    }

    /** Same page, same seed, same clock, but with input at the poster's moment. */
    private void replayWithInput(long endTime, byte[] withoutInput) {
        try (BrowserContext context = open(false)) {
            Page page = context.pages().getFirst();
            trace.stage("replaying with input: loading");
            page.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions()
                    .setWaitUntil(WaitUntilState.LOAD).setTimeout(stepTimeout));
            trace.stage("replaying with input: input");
            long settle = config.settle().toMillis();
            clock(context).advance(settle);
            long used = settle + Input.apply(page, clock(context), config.width(), config.height());
            trace.stage("replaying with input: running");
            if (endTime > used) clock(context).advance(endTime - used);
            trace.stage("replaying with input: picture");
            trace.captures.input(withoutInput, shot(page));
        }
    }

    private PageClock clock(BrowserContext context) {
        return new PageClock(context, trace);
    }

    private BrowserContext open(boolean record) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(config.width(), config.height()).setDeviceScaleFactor(1)
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK).setAcceptDownloads(false)
                .setLocale("en-US").setTimezoneId("UTC"));
        context.setDefaultTimeout(stepTimeout);
        context.addInitScript(initScript);
        NetworkGuard guard = new NetworkGuard(libraries, html, record ? trace : new Trace());
        context.route(Pattern.compile(".*"), guard::handle);
        context.routeWebSocket(Pattern.compile(".*"), guard::handle);
        // pauseAt alone installs a clock that moves only by runFor. install() then pauseAt() would
        // let real time run between the two, a few ms that differ per render and break replays.
        context.clock().pauseAt(PAGE_EPOCH_MS);
        Page page = context.newPage();
        page.onDialog(d -> { try { d.dismiss(); } catch (PlaywrightException ignored) { } });
        if (record) {
            page.onConsoleMessage(m -> trace.console(m.type(), m.text()));
            page.onPageError(trace::error);
            page.onCrash(p -> trace.crashed("the page crashed (out of memory or killed)"));
        }
        context.onPage(p -> { if (p != page) p.close(); }); // popups that got past window.open
        return context;
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

    private byte[] shot(Page page) {
        // caret INITIAL: hiding the caret costs two extra round trips per picture
        return page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.PNG).setCaret(ScreenshotCaret.INITIAL));
    }

    private void firstPaint(Page page) {
        // The fake clock empties performance's entry lists; init.js kept the real one for us.
        Object v = page.evaluate("() => typeof __autobenchFirstPaint === 'function' ? __autobenchFirstPaint() : null");
        if (v instanceof Number n) trace.firstPaintMs = n.longValue();
    }

    static boolean animates(List<byte[]> frames) {
        var images = frames.stream().map(Pixels::decode).toList();
        for (int i = 1; i < images.size(); i++) {
            if (Pixels.changed(images.get(i - 1), images.get(i)) > Pixels.CHANGE_SHARE) return true;
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
