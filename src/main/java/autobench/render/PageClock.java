package autobench.render;

import com.microsoft.playwright.Page;

/**
 * Moves page time (the paused clock of init.js): one round trip runs every timer and animation
 * frame due in the next {@code ms} milliseconds and returns when the page has handled them.
 *
 * <p>Why not Playwright's own fake clock: it yields with a real, clamped {@code setTimeout}
 * after every timer it fires, about 17 ms per animation frame here, so three seconds of page time
 * took ten seconds of real time; and an error thrown by a page's timer is rethrown to the caller
 * instead of being reported as the page's uncaught error.
 */
record PageClock(Page page) {
    private static final String ADVANCE = "ms => { const c = window[Symbol.for('autobench.clock')]; return c ? c.advance(ms) : null; }";

    void advance(long ms) {
        page.evaluate(ADVANCE, (double) ms); // Playwright has no long arguments
    }
}
