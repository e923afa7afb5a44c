package autobench.render;

import com.microsoft.playwright.Page;

/**
 * The synthetic input behind the {@code interactive} check: a click in the middle, a drag across,
 * then a few keys. Page time advances between steps so that pages reading input in their
 * animation loop (p5.js's mouseIsPressed, for instance) see every step.
 *
 * <p>After every single action the clock takes a step of no page time ({@link #act}): an animation or
 * transition that an input handler starts is put on page time at once, before the next action's round
 * trip. Without it, it ran in real time until the next step, and on a busy machine (or behind a slow
 * handler) a short fade could end before page time had moved at all.
 */
final class Input {
    private Input() {}

    /** Applies the input and returns the page time it took, in milliseconds. */
    static long apply(Page page, PageClock clock, int width, int height) {
        long elapsed = 0;
        var mouse = page.mouse();
        act(clock, () -> mouse.move(width / 2.0, height / 2.0));
        act(clock, mouse::down);
        act(clock, mouse::up);
        elapsed += tick(clock, 100);

        // The drag: a frame of page time after the press and after each move, so pages reading
        // the mouse in their animation loop (p5.js's mouseIsPressed, mouseX) see it move.
        double x0 = width * 0.3, y0 = height * 0.4, x1 = width * 0.7, y1 = height * 0.6;
        act(clock, () -> mouse.move(x0, y0));
        act(clock, mouse::down);
        elapsed += tick(clock, 16);
        int steps = 3; // each step costs round trips to the browser; three make a drag for any page
        for (int i = 1; i <= steps; i++) {
            double x = x0 + (x1 - x0) * i / steps, y = y0 + (y1 - y0) * i / steps;
            act(clock, () -> mouse.move(x, y));
            elapsed += tick(clock, 16);
        }
        act(clock, mouse::up);
        elapsed += tick(clock, 50);

        for (String key : new String[] {"Space", "ArrowRight", "KeyA"})
            act(clock, () -> page.keyboard().press(key));
        elapsed += tick(clock, 200);
        // Space and arrows scroll a page that is a few pixels too tall, and a drag selects: that is
        // the browser reacting, not the page.
        page.evaluate("() => { window.scrollTo(0, 0); const s = getSelection(); if (s) s.removeAllRanges(); }");
        return elapsed;
    }

    /** One action, then a step of no page time, so whatever its handlers started runs on page time from here. */
    private static void act(PageClock clock, Runnable action) {
        action.run();
        clock.advance(0);
    }

    private static long tick(PageClock clock, long ms) {
        clock.advance(ms);
        return ms;
    }
}
