package autobench.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What one render has seen so far. Written from Playwright's event thread and read by the lane
 * after a time-out, so everything is synchronized: a render that is killed half-way still
 * reports the console lines and pictures it got.
 */
final class Trace {
    static final int MAX_CONSOLE = 300;
    /**
     * How many lines init.js lets the page print (it is told this number by {@link InitScript}):
     * fewer than {@link #MAX_CONSOLE}, so its "truncated" notice and the renderer's own notes fit.
     */
    static final int PAGE_CONSOLE = MAX_CONSOLE - 50;

    static final int MAX_ERRORS = 50;
    static final int MAX_BLOCKED = 100;
    static final int MAX_TEXT = 1000;

    private final List<ConsoleLine> console = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> blocked = new ArrayList<>();
    private final Set<String> assists = new LinkedHashSet<>();
    private int blockedCount;
    private String crash;
    private boolean timedOut;
    private boolean hung;
    private boolean replaying;
    private String stage = "starting";
    final Captures captures = new Captures(this::errorCount);
    private final List<String> failedModules = new ArrayList<>();
    private String slow;
    /** What init.js's probe saw of WebGL at the end: canvases (viewport CSS pixels) and draw calls; null if never asked. */
    volatile WebGl webgl;

    /** The visible WebGL canvases and the draw calls made, as the page's probe reported them. */
    record WebGl(int draws, List<Rectangle> canvases) {}

    volatile Long loadMs;
    volatile Long firstPaintMs;

    /** A module script of the page failed to load or link: none of its code ran. */
    synchronized void moduleFailed(String src) {
        if (!replaying && failedModules.size() < MAX_ERRORS && !failedModules.contains(clip(src)))
            failedModules.add(clip(src));
    }

    /** The page was too slow to be drawn frame by frame; {@code why} says what the renderer did about it. */
    synchronized void slow(String why) {
        if (slow == null) note(why);
        slow = why;
    }

    synchronized List<String> failedModules() {
        return List.copyOf(failedModules);
    }

    synchronized String slowReason() {
        return slow;
    }

    synchronized int errorCount() {
        return errors.size();
    }

    synchronized void console(String type, String text) {
        if (!replaying && console.size() < MAX_CONSOLE) console.add(new ConsoleLine(type, clip(text)));
    }

    synchronized void error(String text) {
        if (!replaying && errors.size() < MAX_ERRORS) errors.add(clip(text));
    }

    /** A line from the renderer itself, about the render. */
    synchronized void note(String text) {
        if (console.size() < MAX_CONSOLE) console.add(new ConsoleLine("autobench", clip(text)));
    }

    /**
     * From now on the page is being run a second time, to try input: its console and errors
     * would only repeat the first run's, so they are not kept. Blocked requests still are.
     */
    synchronized void replaying() {
        replaying = true;
    }

    synchronized void blocked(String what) {
        blockedCount++;
        if (blocked.size() < MAX_BLOCKED) blocked.add(clip(what));
    }

    /**
     * Something the renderer did for the page that the page did not ask for exactly (a library
     * version substituted). Kept once each, and also noted in the console, which is stored.
     */
    synchronized void assist(String what) {
        if (assists.add(clip(what))) note(what);
    }

    /** A crash after the time limit or a stall is the watchdog's own doing: the render timed out. */
    synchronized void crashed(String why) {
        if (crash == null && !timedOut && !hung) crash = why;
    }

    synchronized void timedOut() {
        timedOut = true;
    }

    synchronized void hung() {
        hung = true;
    }

    private final long born = System.nanoTime();
    private long stageSince = born;

    synchronized void stage(String s) {
        stage = s;
        stageSince = System.nanoTime();
        if (System.getenv("AUTOBENCH_RENDER_DEBUG") != null)
            System.err.printf("[render %5d ms] %s%n", (System.nanoTime() - born) / 1_000_000, s);
    }

    synchronized List<ConsoleLine> console() {
        return List.copyOf(console);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized List<String> blocked() {
        return List.copyOf(blocked);
    }

    synchronized int blockedCount() {
        return blockedCount;
    }

    synchronized List<String> assists() {
        return List.copyOf(assists);
    }

    synchronized String crash() {
        return crash;
    }

    synchronized boolean isTimedOut() {
        return timedOut;
    }

    synchronized boolean isHung() {
        return hung;
    }

    synchronized String stage() {
        return stage;
    }
    /** How long the render has been in its current stage. */
    synchronized long stageMillis() {
        return (System.nanoTime() - stageSince) / 1_000_000;
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /**
     * A picture (PNG bytes), decoded at most once, and how many uncaught errors the page had thrown
     * when it was taken (an error after a picture with content came after the page drew).
     */
    static final class Shot {
        final byte[] bytes;
        final int errorsBefore;
        private BufferedImage image;

        Shot(byte[] bytes) {
            this(bytes, 0);
        }

        Shot(byte[] bytes, int errorsBefore) {
            this.bytes = bytes;
            this.errorsBefore = errorsBefore;
        }

        synchronized BufferedImage image() {
            if (image == null) image = Pixels.decode(bytes);
            return image;
        }
    }

    /**
     * The pictures taken so far. The poster (and a revealed poster) is full size; the frames (the
     * first taken at the poster's moment) and the input pair are small, for the checks and the
     * preview.
     */
    static final class Captures {
        private final IntSupplier errors;
        private final List<Shot> early = new ArrayList<>();
        private Shot provisional;
        private Shot poster;
        private final List<Shot> frames = new ArrayList<>();
        private Shot inputReference;
        private Shot afterInput;
        private Shot revealed;

        Captures(IntSupplier errors) {
            this.errors = errors;
        }

        private Shot stamp(byte[] png) {
            return new Shot(png, errors.getAsInt());
        }

        /** A small picture taken while the page settles, before the poster: only to time errors against. */
        synchronized Shot early(byte[] png) {
            Shot s = stamp(png);
            early.add(s);
            return s;
        }
        /** A full-size picture of a slow page while it settles: the poster if the render is cut short. */
        synchronized void provisional(byte[] png) {
            provisional = stamp(png);
        }

        synchronized void poster(byte[] png) {
            poster = stamp(png);
        }

        synchronized void frame(byte[] png) {
            frames.add(stamp(png));
        }

        synchronized void input(Shot reference, byte[] after) {
            inputReference = reference;
            afterInput = stamp(after);
        }

        synchronized List<Shot> early() {
            return List.copyOf(early);
        }

        synchronized Shot provisional() {
            return provisional;
        }
        /** A full-size picture after input, for a page that showed nothing before it. */
        synchronized void revealed(byte[] png) {
            revealed = new Shot(png);
        }

        synchronized Shot poster() {
            return poster;
        }

        synchronized List<Shot> frames() {
            return List.copyOf(frames);
        }

        synchronized Shot inputReference() {
            return inputReference;
        }

        synchronized Shot afterInput() {
            return afterInput;
        }

        synchronized Shot revealed() {
            return revealed;
        }
    }
}
