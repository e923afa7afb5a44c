package autobench.render;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One reused browser and the one thread allowed to drive it (Playwright is not thread-safe).
 * The caller's thread is the watchdog: it enforces the time and memory limits from outside by
 * killing processes, the only thing that works when the page has the renderer stuck in a loop.
 * Escalation: the page's renderers, then the browser, then the Playwright driver and its thread.
 */
final class Lane implements AutoCloseable {
    private static final long WATCH_MS = 250; // memory polling reads /proc: cheap, but not free
    private static final long GRACE_MS = 3_000;

    private final RenderConfig config;
    private final LibraryRoutes libraries;
    private final String marker = UUID.randomUUID().toString();
    private final ChromiumProcesses processes = new ChromiumProcesses(marker);
    // Used by whichever caller holds the lane (Renderer hands lanes over through a queue), so plain.
    private ExecutorService worker = newWorker();
    // Written on the worker thread, and by the watchdog (the caller's thread) in escalate() once it
    // has abandoned a stuck worker; close() reads the driver from the caller's thread too. Volatile
    // so that the next worker and the watchdog see the latest values.
    private volatile Playwright playwright;
    private volatile Browser browser;
    private volatile Optional<ProcessHandle> driver = Optional.empty();

    Lane(RenderConfig config, LibraryRoutes libraries) {
        this.config = config;
        this.libraries = libraries;
        try { // fail early, with Playwright's own message, if Chromium cannot start
            worker.submit(this::healIfNeeded).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "could not start Chromium at " + config.chromium() + ": " + cause.getMessage(), cause);
        }
    }

    RenderOutput render(String html, long seed) {
        long start = System.nanoTime();
        Trace trace = new Trace();
        CountDownLatch started = new CountDownLatch(1);
        Future<?> job = worker.submit(() -> {
            healIfNeeded();
            started.countDown();
            try {
                new RenderJob(browser, config, libraries, html, seed, trace).run();
            } catch (RenderJob.BrowserGone e) {
                // Killed from outside while looking connected: Playwright learns it only now.
                // Nothing of the page has run yet, so a fresh browser starts it as if nothing happened.
                closeQuietly();
                healIfNeeded();
                try {
                    new RenderJob(browser, config, libraries, html, seed, trace).run();
                } catch (RenderJob.BrowserGone again) {
                    String why = String.valueOf(again.getCause().getMessage())
                            .lines()
                            .findFirst()
                            .orElse("");
                    trace.crashed("the browser could not open a page twice in a row: " + why);
                }
            }
        });
        try {
            if (!started.await(60, TimeUnit.SECONDS)) trace.crashed("the browser could not be started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + config.timeLimit().toNanos();
        // A page stuck in a loop cannot answer anything; one stage taking half the time limit means
        // that (a merely slow page, such as a 10 MB DOM on a busy machine, gets that much), unless
        // the time went to drawing (see drawing()).
        long stallLimit = config.timeLimit().toMillis() / 2;
        ChromiumProcesses.Cpu before = null; // CPU used when the stage's look-back window began
        long beforeAt = 0;
        boolean drawingNoted = false;
        long lastStage = 0;
        while (!job.isDone() && System.nanoTime() < deadline) {
            await(job, WATCH_MS);
            if (job.isDone()) break;
            long stage = trace.stageMillis();
            if (stage < lastStage) before = null; // a new stage began: its look-back starts afresh
            lastStage = stage;
            if (before == null && stage > stallLimit - DRAW_WINDOW_MS) {
                before = processes.cpu();
                beforeAt = System.nanoTime();
            }
            if (processes.largestRenderer() > config.memoryLimit()) {
                trace.crashed("killed for using more than " + config.memoryLimit() / (1024 * 1024) + " MB of memory");
                processes.killRenderers();
            } else if (!trace.isHung() && stage > stallLimit) {
                long window = (System.nanoTime() - beforeAt) / 1_000_000;
                if (before != null && window < DRAW_WINDOW_MS / 2) continue; // let the look-back cover some time
                ChromiumProcesses.Cpu now = processes.cpu();
                if (before != null && drawing(now.since(before), window)) {
                    if (!drawingNoted)
                        trace.note(
                                "one step took more than " + String.format(Locale.ROOT, "%.1f", stallLimit / 1000.0)
                                        + " s while the browser's GPU"
                                        + " process drew (WebGL in software): a slow frame, not a page that stopped responding");
                    drawingNoted = true;
                    before = now; // look again one window later; the time limit still ends the render
                    beforeAt = System.nanoTime();
                    continue;
                }
                if (before != null) trace.note(cpuSplit(now.since(before), window));
                trace.hung();
                processes.killRenderers();
            }
        }
        if (!job.isDone()) escalate(job, trace, drawingNoted);
        worker.submit(this::healIfNeeded); // the next render starts on a working browser
        return Verdict.of(trace, config, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Whether a stalled stage is a frame being drawn rather than a loop. WebGL is drawn in software
     * by the browser's GPU process, while the page's renderer waits for the frame; an endless loop
     * is the other way round (the renderer busy, the GPU process idle), and a machine too busy to
     * run the page leaves both idle. On two busy cores a heavy three.js scene (a voxel terrain,
     * instanced) spent more than ten seconds of real time on one 48 ms piece of page time and was
     * taken for an endless loop; alone it ends in 13 s. So the stall counts as drawing when, over
     * the last window, the GPU process used more CPU than the page's renderers and at least a
     * quarter of a core.
     */
    static boolean drawing(ChromiumProcesses.Cpu used, long windowMs) {
        if (used.pages() < 0 || used.gpu() < 0 || windowMs <= 0) return false; // a process was replaced
        long gpuMs = used.gpu() * 1000 / CLOCK_TICKS_PER_SECOND;
        return used.gpu() > used.pages() && gpuMs * 4 >= windowMs;
    }

    /** Where the CPU went while a stage stalled, for the console of a render stopped as not responding. */
    static String cpuSplit(ChromiumProcesses.Cpu used, long windowMs) {
        return String.format(
                Locale.ROOT,
                "stopped as not responding: in the last %.1f s the page used %d ms of CPU, the browser's GPU process %d ms",
                windowMs / 1000.0,
                Math.max(0, used.pages()) * 1000 / CLOCK_TICKS_PER_SECOND,
                Math.max(0, used.gpu()) * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    /** The look-back over which a stalled stage's CPU is split between renderer and GPU process. */
    static final long DRAW_WINDOW_MS = 2_000;

    /** Linux's USER_HZ, the unit of /proc/PID/stat times: 100 on every architecture the JDK runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    void killBrowser() {
        processes.killBrowser();
    }

    /**
     * Ends a render at its time limit: the page processes first (the browser survives and reports
     * the page crashed), then the browser, then Playwright's driver, whichever unblocks the lane. A
     * render that was drawing WebGL goes straight to the browser: the frame is drawn in the GPU
     * process, which killing the page does not stop, and which went on burning every core through
     * the wait (a frame of 60,000 shader steps a pixel: 6 s more, on two cores).
     */
    private void escalate(Future<?> job, Trace trace, boolean drawing) {
        trace.timedOut();
        if (!drawing) {
            processes.killRenderers();
            if (await(job, GRACE_MS)) return;
        }
        processes.killBrowser();
        if (await(job, GRACE_MS)) return;
        // The driver itself is stuck: end it, abandon its thread, start afresh on the next render.
        driver.ifPresent(ProcessHandle::destroyForcibly);
        worker.shutdownNow();
        worker = newWorker();
        playwright = null;
        browser = null;
    }

    private void healIfNeeded() {
        if (browser != null && browser.isConnected()) return;
        closeQuietly();
        playwright = playwright();
        browser = launch(playwright, config.chromium(), marker);
        driver = processes.browser().flatMap(ProcessHandle::parent);
    }

    /** Playwright on the machine's Node.js, never downloading a browser of its own. */
    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of(
                        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                        "1",
                        "PLAYWRIGHT_NODEJS_PATH",
                        NodeLocator.node().toString())));
    }

    /** The render browser: {@code chromium} headless with the renderer's switches ({@link ChromiumArgs}). */
    static Browser launch(Playwright playwright, Path chromium, String marker) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setChromiumSandbox(false)
                        .setArgs(ChromiumArgs.launch(marker))
                        .setIgnoreDefaultArgs(ChromiumArgs.removedDefaults())
                        .setTimeout(30_000));
    }

    private void closeQuietly() {
        try {
            if (playwright != null) playwright.close();
        } catch (PlaywrightException e) {
            // it was already broken; that is why we are here
        }
        playwright = null;
        browser = null;
    }

    @Override
    public void close() {
        Future<?> f = worker.submit(this::closeQuietly);
        if (!await(f, 10_000)) {
            processes.killBrowser();
            driver.ifPresent(ProcessHandle::destroyForcibly);
        }
        worker.shutdownNow();
    }

    private static boolean await(Future<?> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return f.isDone();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r && !(r instanceof PlaywrightException)) throw r;
            return true;
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "autobench-render");
            t.setDaemon(true);
            return t;
        });
    }
}
