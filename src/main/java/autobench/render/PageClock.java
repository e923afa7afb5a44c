package autobench.render;

import com.microsoft.playwright.Page;

import java.util.List;

/**
 * Moves page time (the paused clock of init.js) on the watched page and its twin in lockstep.
 * Each page is started before either is awaited, so the two run side by side on two cores.
 *
 * <p>Why not Playwright's own fake clock: it yields with a real, clamped {@code setTimeout}
 * after every timer it fires, about 17 ms per animation frame here, so three seconds of page time
 * took ten seconds of real time; and an error thrown by a page's timer is rethrown to the caller
 * instead of being reported as the page's uncaught error.
 */
record PageClock(List<Page> pages) {
    private static final String START = "ms => { const c = window[Symbol.for('autobench.clock')];"
            + " window[Symbol.for('autobench.run')] = c ? c.advance(ms) : null; }";
    private static final String WAIT = "() => window[Symbol.for('autobench.run')]";

    void advance(long ms) {
        for (Page p : pages) p.evaluate(START, (double) ms); // Playwright has no long arguments
        for (Page p : pages) p.evaluate(WAIT);
    }
}
