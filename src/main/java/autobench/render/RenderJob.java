package autobench.render;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One render on one browser, run on the lane's Playwright thread.
 *
 * <p>Page time is a paused clock (init.js) that moves only when we say so: frames are taken at
 * exact page times (reproducible, and no waiting in real time). The page is opened twice in one fresh
 * context, loading side by side: the first is only watched (poster, frames, console), the second
 * gets the input. One clock drives both, so the last frame of the first is the same moment of
 * the same program without input, which is what the {@code interactive} check compares against.
 * (A page that never fires its load event is judged alone; see docs/rendering.md.) Everything
 * learnt goes into the {@link Trace}, so a render killed half-way still reports.
 */
final class RenderJob {
    private final Browser browser;
    private final RenderConfig config;
    private final LibraryRoutes libraries;
    private final String html;
    private final String initScript;
    private final Trace trace;
    private final long stepTimeout;
    private final Map<Page, CDPSession> cameras = new HashMap<>();

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
        trace.stage("opening a context");
        try (BrowserContext context = open()) {
            trace.stage("opening pages");
            Page watched = page(context, true);
            Page touched = page(context, false);
            context.onPage(p -> { if (p != watched && p != touched) p.close(); }); // popups that got past window.open
            // Chromium draws a page that is not in front about once a second, and a picture of it
            // or an input event waits for that. So whichever page we work with is brought to front.
            watched.bringToFront();
            trace.stage("loading");
            long start = System.nanoTime();
            watched.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT).setTimeout(stepTimeout));
            touched.navigate(NetworkGuard.DOCUMENT_URL, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT).setTimeout(stepTimeout));
            boolean twin = true;
            try {
                watched.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(stepTimeout));
                trace.loadMs = (System.nanoTime() - start) / 1_000_000;
                touched.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(stepTimeout / 4));
            } catch (TimeoutError e) {
                trace.console("autobench", "the page did not finish loading within " + stepTimeout + " ms; rendering it anyway");
                // A page that never loads is usually busy loading: two copies would halve the time
                // each gets. Judge it alone; its input check then only works if it stands still.
                touched.close();
                twin = false;
            }
            if (!responsive(watched)) return;
            PageClock clock = new PageClock(twin ? List.of(watched, touched) : List.of(watched));
            trace.stage("running");
            long settle = config.settle().toMillis();
            clock.advance(settle);
            trace.stage("taking the poster");
            trace.captures.frame(shot(watched));
            long now = settle;
            if (twin) {
                trace.stage("trying input");
                touched.bringToFront();
                now += Input.apply(touched, clock, config.width(), config.height());
                watched.bringToFront();
            }
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
            if (twin) {
                touched.bringToFront();
                trace.captures.input(last, shot(touched));
            } else if (!animates(trace.captures.frames())) {
                Input.apply(watched, clock, config.width(), config.height());
                trace.captures.input(last, shot(watched));
            }
            firstPaint(watched);
            trace.stage("closing");
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

    /**
     * Raw CDP capture of the viewport. Playwright's own screenshot adds waits of its own that
     * cost up to a second per picture on a busy canvas; the capture itself takes ~0.05 s.
     */
    private byte[] shot(Page page) {
        CDPSession cdp = cameras.computeIfAbsent(page, p -> p.context().newCDPSession(p));
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        params.addProperty("optimizeForSpeed", true); // faster, slightly larger PNG encoding
        return Base64.getDecoder().decode(cdp.send("Page.captureScreenshot", params).get("data").getAsString());
    }

    private void firstPaint(Page page) {
        Object v = page.evaluate("() => { const p = performance.getEntriesByType('paint').find(e => e.name === 'first-paint');"
                + " return p ? Math.round(p.startTime) : null; }");
        if (v instanceof Number n) trace.firstPaintMs = n.longValue();
    }

    static boolean animates(List<byte[]> frames) {
        List<java.awt.image.BufferedImage> images = frames.stream().map(Pixels::decode).toList();
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
