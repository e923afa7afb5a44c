package autobench.render;

import java.util.ArrayList;
import java.util.List;

/**
 * What one render has seen so far. Written from Playwright's event thread and read by the lane
 * after a time-out, so everything is synchronized: a render that is killed half-way still
 * reports the console lines and pictures it got.
 */
final class Trace {
    static final int MAX_CONSOLE = 300;
    static final int MAX_ERRORS = 50;
    static final int MAX_BLOCKED = 100;
    static final int MAX_TEXT = 1000;

    private final List<ConsoleLine> console = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> blocked = new ArrayList<>();
    private int blockedCount;
    private String crash;
    private boolean timedOut;
    private boolean hung;
    private String stage = "starting";
    final Captures captures = new Captures();
    volatile Long loadMs;
    volatile Long firstPaintMs;

    synchronized void console(String type, String text) {
        if (console.size() < MAX_CONSOLE) console.add(new ConsoleLine(type, clip(text)));
    }

    synchronized void error(String text) {
        if (errors.size() < MAX_ERRORS) errors.add(clip(text));
    }

    synchronized void blocked(String what) {
        blockedCount++;
        if (blocked.size() < MAX_BLOCKED) blocked.add(clip(what));
    }

    /** A crash after the time limit is the watchdog's own doing: the render timed out. */
    synchronized void crashed(String why) { if (crash == null && !timedOut) crash = why; }
    synchronized void timedOut() { timedOut = true; }
    synchronized void hung() { hung = true; }
    private final long born = System.nanoTime();
    synchronized void stage(String s) {
        stage = s;
        if (System.getenv("AUTOBENCH_RENDER_DEBUG") != null) System.err.printf("[render %5d ms] %s%n", (System.nanoTime() - born) / 1_000_000, s);
    }

    synchronized List<ConsoleLine> console() { return List.copyOf(console); }
    synchronized List<String> errors() { return List.copyOf(errors); }
    synchronized List<String> blocked() { return List.copyOf(blocked); }
    synchronized int blockedCount() { return blockedCount; }
    synchronized String crash() { return crash; }
    synchronized boolean isTimedOut() { return timedOut; }
    synchronized boolean isHung() { return hung; }
    synchronized String stage() { return stage; }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /** The pictures taken so far, PNG bytes. */
    static final class Captures {
        private final List<byte[]> frames = new ArrayList<>();
        private byte[] afterInput;
        private byte[] inputReference;

        synchronized void frame(byte[] png) { frames.add(png); }
        synchronized void input(byte[] reference, byte[] after) { inputReference = reference; afterInput = after; }
        synchronized List<byte[]> frames() { return List.copyOf(frames); }
        synchronized byte[] afterInput() { return afterInput; }
        synchronized byte[] inputReference() { return inputReference; }
    }
}
