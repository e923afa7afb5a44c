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
import com.microsoft.playwright.options.WaitUntilState;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One render on one browser, run on the lane's Playwright thread.
 *
 * <p>Page time is a paused clock (init.js) that moves only when we say so: pictures are taken at
 * exact page times (reproducible, and no waiting in real time). The page is loaded in a fresh
 * context and watched: a full-size poster once it has settled, then small frames over the frame
 * span, console and errors throughout. Then the {@code interactive} check. A still page takes the
 * input in place and is compared with its last frame. An animated page that could react to input
 * at all (see {@link #REACTS}) is loaded a second time, from a sibling origin so that nothing the
 * first run stored is seen; with the same seed and the same clock it draws the same pictures, except
 * that this time it gets the input, and is compared with the first run's frame of the same moment.
 * Everything learnt goes into the {@link Trace}, so a render killed half-way still reports.
 */
final class RenderJob {
    /** Frames and the input pictures are taken at this scale: enough for the checks and the preview. */
    static final double FRAME_SCALE = 0.5;

    /**
     * Why a page could change its picture when clicked, dragged or typed at, or null if it cannot.
     * The definition lives in init.js (the probe's {@code reacts}), next to the listener watch it
     * reads; a page without its probe is taken to react, the safe side. A page that cannot react
     * is not run a second time.
     */
    static final String REACTS =
            "() => { const p = window[Symbol.for('autobench.probe')]; return p ? p.reacts() : 'no probe'; }";

    private final Browser browser;
    private final RenderConfig config;
    private final LibraryRoutes libraries;
    private final String html;
    private final String initScript;
    private final Trace trace;
    private final long stepTimeout;
    private final String reportPrefix = "autobench-" + UUID.randomUUID();
    private NetworkGuard guard;
    private CDPSession camera;

    RenderJob(Browser browser, RenderConfig config, LibraryRoutes libraries, String html, long seed, Trace trace) {
        this.browser = browser;
        this.config = config;
        this.libraries = libraries;
        this.html = html;
        this.initScript = InitScript.forRender(seed, reportPrefix);
        this.trace = trace;
        // Soft limits inside the hard one, so that a page that never loads or never answers is
        // reported precisely rather than by the watchdog.
        this.stepTimeout = Math.max(1_000, config.timeLimit().toMillis() / 4);
    }

    /** The browser was found dead before the render began; see {@link Lane}. */
    static final class BrowserGone extends RuntimeException {
        BrowserGone(Throwable cause) {
            super(cause);
        }
    }

    /** Renders into the trace; throws {@link BrowserGone} only if no context could be opened at all. */
    void run() {
        trace.stage("opening a context");
        BrowserContext opened;
        try {
            opened = open();
        } catch (PlaywrightException e) {
            throw new BrowserGone(e);
        }
        try (BrowserContext context = opened) {
            trace.stage("opening the page");
            Page page = page(context);
            context.onPage(p -> {
                if (p != page) p.close();
            }); // popups that got past window.open
            trace.stage("loading");
            long start = System.nanoTime();
            boolean loaded = load(page, NetworkGuard.DOCUMENT_URL, stepTimeout);
            if (loaded) {
                trace.loadMs = (System.nanoTime() - start) / 1_000_000;
            } else {
                trace.note("the page did not finish loading within " + stepTimeout + " ms; rendering it anyway");
            }
            PageClock clock = new PageClock(page);
            clock.advance(0); // no page time passes: CSS animations are paused before real time runs them on
            awaitFonts(page);
            settle(page, clock);
            trace.stage("taking the poster");
            trace.captures.poster(shot(page, false));
            trace.captures.frame(shot(page, true));
            for (int i = 1; i < config.frames(); i++) {
                if (late()) {
                    trace.slow("slow: the render's time ran short, so " + (config.frames() - i)
                            + " frame(s) and the input check were left out");
                    break;
                }
                trace.stage("taking frame " + i);
                long t0 = System.nanoTime();
                clock.advance(step());
                pace(clock, step(), t0);
                trace.captures.frame(shot(page, true));
            }
            firstPaint(page);
            webgl(page);
            if (!late()) tryInput(context, page, clock, loaded);
            trace.stage("closing");
        } catch (PlaywrightException e) {
            if (trace.crash() == null && !trace.isTimedOut() && !trace.isHung())
                trace.note("render stopped: " + firstLine(e));
        }
    }

    /** Settling pieces: small enough to notice a slow page early and to time its errors. */
    static final long PIECE_MS = 250;

    static final long FIRST_PIECE_MS = 48;
    /** Real time per piece above which the page is drawn with coarser frames (8× slower than page time). */
    static final long SLOW_PIECE_MS = 8 * PIECE_MS;
    /**
     * Below these real times a piece is never "behind" or "slow", whatever its ratio: on a busy
     * machine a round trip alone takes a few hundred milliseconds, and that is not the page's doing.
     */
    static final long BEHIND_FLOOR_MS = 600, SLOW_FLOOR_MS = 1_500;
    /** Frame lengths tried in turn when a page falls behind: like a machine dropping frames. */
    private static final long[] COARSE_FRAMES = {64, 250};

    private int coarseness;
    private final long started = System.nanoTime();

    /**
     * Gives the page its settle time in pieces. Before each piece, while the page has shown nothing
     * and thrown nothing, a small picture is taken: an uncaught error is "after the page drew" only
     * if a picture with content came before it. A page that falls behind gets coarser frames, and a
     * full-size picture after each piece, so that a render cut short still has its last complete frame.
     */
    private void settle(Page page, PageClock clock) {
        long settle = config.settle().toMillis();
        boolean content = false;
        boolean behind = false;
        for (long done = 0; done < settle && !late(); ) {
            if (!content && trace.errorCount() == 0) content = earlyShotHasContent(page);
            // The first piece is a few frames only: a page that takes seconds per frame is found out
            // before it can spend a whole piece (and the stall limit) on 16 ms frames.
            long piece = Math.min(done == 0 || behind ? FIRST_PIECE_MS : PIECE_MS, settle - done);
            trace.stage("running (" + done + " of " + settle + " ms)");
            long t0 = System.nanoTime();
            // A piece ends early once it has taken the slow floor's real time: a page whose frames
            // suddenly take seconds (a heavy scene appearing) is slowed after one of them.
            long moved = clock.advance(piece, SLOW_FLOOR_MS);
            done += moved;
            // a page drawing more slowly than twice page time goes on in small pieces, so that one
            // piece cannot use up the stall limit before it is given coarser frames
            long took = (System.nanoTime() - t0) / 1_000_000;
            behind = took > 2 * moved && took > BEHIND_FLOOR_MS;
            pace(clock, Math.max(1, moved), t0);
            if (coarseness > 0) trace.captures.provisional(shot(page, false));
        }
        if (late())
            trace.slow("slow: the page was given less than its " + settle
                    + " ms to settle; the poster is its last complete frame");
    }

    /** Real time a render waits for the page's web fonts (icon fonts from the bundle) before page time starts. */
    static final long FONT_WAIT_MS = 3_000;

    /**
     * Web fonts load in real time, not page time: a 3 MB icon font that arrives between two frames
     * would make a still page "animate" and leave its poster without icons. So page time starts
     * once the document's fonts have loaded, or after {@link #FONT_WAIT_MS}. Polled from here
     * because the page's own timers are on the paused clock.
     */
    private void awaitFonts(Page page) {
        trace.stage("waiting for fonts");
        long until = System.nanoTime() + FONT_WAIT_MS * 1_000_000;
        while (System.nanoTime() < until) {
            if ("loaded".equals(page.evaluate("() => document.fonts ? document.fonts.status : 'loaded'"))) return;
            page.waitForTimeout(50);
        }
        trace.note("web fonts were still loading after " + FONT_WAIT_MS + " ms; rendering on");
    }

    /** A small picture before a piece of settling; a page that has no frame to show yet is simply not pictured. */
    private boolean earlyShotHasContent(Page page) {
        try {
            return Pixels.contrast(trace.captures.early(shot(page, true)).image()) > Pixels.BLANK_CONTRAST;
        } catch (PlaywrightException e) {
            return false;
        }
    }

    /** After a step of {@code pageMs} that began at {@code t0}: coarser frames if the page fell behind. */
    private void pace(PageClock clock, long pageMs, long t0) {
        long realMs = (System.nanoTime() - t0) / 1_000_000;
        if (realMs * PIECE_MS <= SLOW_PIECE_MS * pageMs || realMs < SLOW_FLOOR_MS || coarseness >= COARSE_FRAMES.length)
            return;
        long frame = COARSE_FRAMES[coarseness++];
        clock.coarse(frame);
        trace.slow("slow: " + pageMs + " ms of page time took " + realMs + " ms to draw, so it is drawn in " + frame
                + " ms frames");
    }

    /** More than 60 % of the time limit is gone: what remains is for the pictures already due. */
    private boolean late() {
        return (System.nanoTime() - started) / 1_000_000 > config.timeLimit().toMillis() * 6 / 10;
    }

    private void webgl(Page page) {
        Object v = page.evaluate(
                "() => { const p = window[Symbol.for('autobench.probe')]; return p ? p.webgl() : null; }");
        if (!(v instanceof Map<?, ?> m) || !(m.get("draws") instanceof Number draws)) return;
        List<Rectangle> canvases = new ArrayList<>();
        if (m.get("canvases") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> r
                        && r.get("x") instanceof Number x
                        && r.get("y") instanceof Number y
                        && r.get("w") instanceof Number w
                        && r.get("h") instanceof Number h) {
                    canvases.add(new Rectangle(x.intValue(), y.intValue(), w.intValue(), h.intValue()));
                }
            }
        }
        trace.webgl = new Trace.WebGl(draws.intValue(), canvases);
    }

    private long step() {
        return config.frameSpan().toMillis() / (config.frames() - 1);
    }

    private void tryInput(BrowserContext context, Page page, PageClock clock, boolean loaded) {
        List<Trace.Shot> frames = trace.captures.frames();
        if (!animates(frames)) {
            // A still picture: the input goes to this page, and the picture after it is compared
            // with the last frame. A page blank until clicked gets a full-size picture for its poster.
            trace.stage("trying input");
            Input.apply(page, clock, config.width(), config.height());
            trace.captures.input(frames.getLast(), shot(page, true));
            if (Pixels.contrast(trace.captures.poster().image()) <= Pixels.BLANK_CONTRAST)
                trace.captures.revealed(shot(page, false));
            return;
        }
        // A page that never loads is usually busy loading: a second run would only wait again.
        if (!loaded || page.evaluate(REACTS) == null) return;

        trace.stage("replaying with input");
        trace.replaying();
        guard.expectReplay();
        context.clearCookies(); // a cookie set for the whole site would reach the sibling origin
        if (!load(page, NetworkGuard.REPLAY_URL, stepTimeout / 2)) {
            trace.note("the second run, for the input check, did not finish loading; input not tried");
            return;
        }
        clock.advance(config.settle().toMillis());
        long used = Input.apply(page, clock, config.width(), config.height());
        // Compared at the first frame of the first run that comes after the input.
        int k = (int) ((used + step() - 1) / step());
        if (k >= frames.size()) {
            trace.note("the frame span is shorter than the input takes; input not compared");
            return;
        }
        clock.advance(k * step() - used);
        trace.captures.input(frames.get(k), shot(page, true));
    }

    /** Navigates and waits for the load event; false if it did not come in time. */
    private boolean load(Page page, String url, long timeout) {
        page.navigate(
                url,
                new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT).setTimeout(timeout));
        try {
            page.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(timeout));
            return true;
        } catch (TimeoutError e) {
            return false;
        }
    }

    private BrowserContext open() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(config.width(), config.height())
                .setDeviceScaleFactor(1)
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK)
                .setAcceptDownloads(false)
                .setLocale("en-US")
                .setTimezoneId("UTC"));
        context.setDefaultTimeout(stepTimeout);
        context.addInitScript(initScript);
        guard = new NetworkGuard(libraries, html, trace);
        context.route(Pattern.compile(".*"), guard::handle);
        context.routeWebSocket(Pattern.compile(".*"), guard::handle);
        return context;
    }

    private Page page(BrowserContext context) {
        Page page = context.newPage();
        // Leaving for the second run must not be held up by a beforeunload handler; any other
        // dialog is answered "no" (init.js answers most of them in the page already).
        page.onDialog(d -> {
            try {
                if ("beforeunload".equals(d.type())) d.accept();
                else d.dismiss();
            } catch (PlaywrightException ignored) {
                // the page went away
            }
        });
        page.onCrash(p -> trace.crashed("the page crashed (out of memory or killed)"));
        page.onConsoleMessage(m -> {
            String text = m.text();
            if (text.startsWith(reportPrefix + " module-failed "))
                trace.moduleFailed(text.substring(reportPrefix.length() + 15));
            else if (text.startsWith(reportPrefix + " ")) trace.blocked(text.substring(reportPrefix.length() + 1));
            else trace.console(m.type(), text);
        });
        page.onPageError(trace::error);
        // Chromium draws a page that is not in front about once a second, and a picture of it
        // or an input event waits for that.
        page.bringToFront();
        return page;
    }

    /**
     * Raw CDP capture of the viewport as PNG, full size or at {@link #FRAME_SCALE}. Lossless on
     * purpose: JPEG smoothed faint motion (pale dots on a pale ground) below the checks' threshold.
     * Playwright's own screenshot adds waits of its own that cost up to a second per picture on a
     * busy canvas.
     */
    private byte[] shot(Page page, boolean small) {
        if (camera == null) camera = page.context().newCDPSession(page);
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        params.addProperty("optimizeForSpeed", true); // faster, slightly larger PNG encoding
        if (small) {
            JsonObject clip = new JsonObject();
            clip.addProperty("x", 0);
            clip.addProperty("y", 0);
            clip.addProperty("width", config.width());
            clip.addProperty("height", config.height());
            clip.addProperty("scale", FRAME_SCALE);
            params.add("clip", clip);
        }
        return capture(camera, params);
    }

    /**
     * One capture. Chromium answers "Unable to capture screenshot" when asked before the page has
     * produced a frame at all (seen right after a load on a busy machine); a frame later it works.
     */
    static byte[] capture(CDPSession camera, JsonObject params) {
        try {
            return Base64.getDecoder()
                    .decode(camera.send("Page.captureScreenshot", params)
                            .get("data")
                            .getAsString());
        } catch (PlaywrightException e) {
            if (!String.valueOf(e.getMessage()).contains("Unable to capture screenshot")) throw e;
            try {
                Thread.sleep(100);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return Base64.getDecoder()
                    .decode(camera.send("Page.captureScreenshot", params)
                            .get("data")
                            .getAsString());
        }
    }

    private void firstPaint(Page page) {
        Object v = page.evaluate(
                "() => { const p = performance.getEntriesByType('paint').find(e => e.name === 'first-paint');"
                        + " return p ? Math.round(p.startTime) : null; }");
        if (v instanceof Number n) trace.firstPaintMs = n.longValue();
    }

    static boolean animates(List<Trace.Shot> frames) {
        for (int i = 1; i < frames.size(); i++) {
            if (Pixels.changed(frames.get(i - 1).image(), frames.get(i).image()) > Pixels.CHANGE_SHARE) return true;
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
