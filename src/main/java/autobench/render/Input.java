package autobench.render;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * The synthetic input behind the {@code interactive} check: a click in the middle, a drag across,
 * then a few keys. Page time advances between steps so that pages reading input in their
 * animation loop (p5.js's mouseIsPressed, for instance) see every step.
 */
final class Input {
    private Input() {}

    /** Applies the input and returns the page time it took, in milliseconds. */
    static long apply(Page page, BrowserContext context, int width, int height) {
        long elapsed = 0;
        var mouse = page.mouse();
        mouse.move(width / 2.0, height / 2.0);
        elapsed += tick(context, 32);
        mouse.down();
        mouse.up();
        elapsed += tick(context, 100);

        double x0 = width * 0.3, y0 = height * 0.4, x1 = width * 0.7, y1 = height * 0.6;
        mouse.move(x0, y0);
        mouse.down();
        elapsed += tick(context, 32);
        int steps = 4; // each step is a round trip to the browser; four make a drag for any page
        for (int i = 1; i <= steps; i++) {
            mouse.move(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
            elapsed += tick(context, 32);
        }
        mouse.up();
        elapsed += tick(context, 64);

        for (String key : new String[] {"Space", "ArrowRight", "KeyA"}) page.keyboard().press(key);
        elapsed += tick(context, 250);
        // Space and arrows scroll a page that is a few pixels too tall; that is not the page reacting.
        page.evaluate("() => window.scrollTo(0, 0)");
        return elapsed;
    }

    private static long tick(BrowserContext context, long ms) {
        context.clock().runFor(ms);
        return ms;
    }
}
