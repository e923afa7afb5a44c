package autobench.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;

/**
 * Renders untrusted HTML pages in headless Chromium, offline, each in a fresh isolated context of
 * a reused browser. Thread-safe: up to {@link RenderConfig#lanes()} renders run at once, each lane
 * with its own browser; further callers wait for a free lane.
 *
 * <pre>{@code
 * Optional<Path> chromium = Renderer.find();
 * if (chromium.isEmpty()) { log.warn(Renderer.installHint()); return; }
 * try (Renderer r = Renderer.open(RenderConfig.defaults(chromium.get()))) {
 *     RenderOutput out = r.render(html, seed);
 * }
 * }</pre>
 */
public final class Renderer implements AutoCloseable {
    /** Environment variable naming the Chromium executable, checked before the usual places. */
    public static final String CHROMIUM_ENV = "AUTOBENCH_CHROMIUM";
    // The headless shell first: the same engine without the browser's user-interface layer, it
    // does the same render for about half the browser-process CPU (bench/README.md).
    private static final List<String> USUAL_PLACES = List.of(
            "/usr/bin/chromium-headless-shell",
            "/usr/lib/chromium/chromium-headless-shell",
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/snap/bin/chromium",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");

    private final List<Lane> lanes = new ArrayList<>();
    private final BlockingQueue<Lane> free;

    private Renderer(RenderConfig config) {
        LibraryRoutes libraries = LibraryRoutes.bundled();
        free = new ArrayBlockingQueue<>(config.lanes());
        try {
            for (int i = 0; i < config.lanes(); i++) lanes.add(new Lane(config, libraries));
        } catch (RuntimeException e) {
            lanes.forEach(Lane::close);
            throw e;
        }
        free.addAll(lanes);
    }

    /** Starts the browser(s); fails with a readable message if Chromium or Node.js cannot start. */
    public static Renderer open(RenderConfig config) {
        Fonts.check();
        return new Renderer(config);
    }

    /** The Chromium to use: {@value #CHROMIUM_ENV} if set, else the first of the usual places. */
    public static Optional<Path> find() {
        return find(System.getenv(CHROMIUM_ENV), Files::isExecutable);
    }

    static Optional<Path> find(String explicit, Predicate<Path> executable) {
        if (explicit != null && !explicit.isBlank())
            return Optional.of(Path.of(explicit)).filter(executable);
        return USUAL_PLACES.stream().map(Path::of).filter(executable).findFirst();
    }

    /** One message for operators when {@link #find()} is empty. */
    public static String installHint() {
        return "No Chromium found, so answers are not rendered (the rest of the cycle still runs). "
                + "Install it with `apt-get install -y chromium-headless-shell` (Debian; `chromium` works too) or point "
                + CHROMIUM_ENV
                + " at a Chromium or Chrome executable. Node.js 20+ must be on PATH as well.";
    }

    /**
     * Renders one page. Never throws for anything the page does: a page that loops, crashes, or
     * draws nothing gives an output with that status. Returns within the time limit plus a few
     * seconds of recovery, however hostile the page.
     *
     * @param seed seeds the page's {@code Math.random}; the same page and seed give the same poster
     */
    public RenderOutput render(String html, long seed) {
        Lane lane;
        try {
            lane = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free render lane", e);
        }
        try {
            return lane.render(html, seed);
        } finally {
            free.add(lane);
        }
    }

    /** Kills every lane's browser from outside, as a crash would; for tests of recovery. */
    void killBrowsers() {
        lanes.forEach(Lane::killBrowser);
    }

    @Override
    public void close() {
        lanes.forEach(Lane::close);
    }
}
