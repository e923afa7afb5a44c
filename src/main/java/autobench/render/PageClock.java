package autobench.render;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.List;

/**
 * Moves page time (the paused clock of init.js): one round trip runs every timer and animation
 * frame due in the next {@code ms} milliseconds and returns when the page has handled them. Frames
 * of another origin (data: URLs, sandboxed frames) cannot share the page's clock and keep one of
 * their own; each is moved by the same step after the page, so they too are reproducible.
 *
 * <p>Why not Playwright's own fake clock: it yields with a real, clamped {@code setTimeout}
 * after every timer it fires, about 17 ms per animation frame here, so three seconds of page time
 * took ten seconds of real time; and an error thrown by a page's timer is rethrown to the caller
 * instead of being reported as the page's uncaught error.
 */
record PageClock(Page page) {
    private static final String ADVANCE = "([ms, budget]) => { const c = window[Symbol.for('autobench.clock')];"
            + " return c ? c.advance(ms, budget) : null; }";
    // A frame that shares the page's clock has none of its own: it answers null and is not moved twice.
    private static final String ADVANCE_OWN =
            "ms => { const c = Object.getOwnPropertyDescriptor(window, Symbol.for('autobench.clock'));"
                    + " return c ? c.value.advance(ms) : null; }";

    private static final String COARSE =
            "ms => { const c = window[Symbol.for('autobench.clock')]; if (c) c.coarse(ms); }";

    /** From now on animation frames come every {@code ms} of page time (16 is every frame); the page's frames only. */
    void coarse(long ms) {
        page.evaluate(COARSE, (double) ms);
    }

    void advance(long ms) {
        advance(ms, 0);
    }

    /**
     * Moves page time by {@code ms}, or less if the page's timers and frames ran past
     * {@code budgetMs} of real time first (0: no budget): the step then ends at the page time of the
     * last one run, and the rest is left for the next step, which runs it in the same order.
     *
     * @return the page time moved
     */
    long advance(long ms, long budgetMs) {
        Object moved = page.evaluate(ADVANCE, List.of((double) ms, (double) budgetMs)); // no long arguments
        long done = moved instanceof Number n ? Math.max(0, Math.min(ms, Math.round(n.doubleValue()))) : ms;
        Frame main = page.mainFrame();
        for (Frame frame : page.frames()) {
            if (frame == main) continue;
            try {
                frame.evaluate(ADVANCE_OWN, (double) done);
            } catch (PlaywrightException e) {
                // the frame went away meanwhile; its timers went with it
            }
        }
        return done;
    }
}
