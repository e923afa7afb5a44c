package autobench.render;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.PlaywrightException;

/**
 * Moves the page's paused clock. Under Playwright's fake timers an exception thrown by a page's
 * timer or animation-frame callback is not reported as an uncaught error: it is rethrown to
 * whoever advanced the clock. It is the page's uncaught error all the same, so record it as one
 * and carry on (the clock has run every other due callback meanwhile).
 */
record PageClock(BrowserContext context, Trace trace) {
    void advance(long ms) {
        try {
            context.clock().runFor(ms);
        } catch (PlaywrightException e) {
            if (context.pages().isEmpty() || context.pages().getFirst().isClosed() || trace.crash() != null) throw e;
            trace.error(pageMessage(e));
        }
    }

    /**
     * Playwright wraps the page's error as {@code Error { message='TypeError: …\n at page…\n at
     * ClockController…}}; keep the page's message and its own stack lines.
     */
    static String pageMessage(PlaywrightException e) {
        String m = String.valueOf(e.getMessage());
        int start = m.indexOf("message='");
        if (start < 0) return m.strip();
        String rest = m.substring(start + "message='".length());
        int end = rest.length();
        for (String stop : new String[] {"\n    at ClockController", "\n  name='", "\n  stack='"}) {
            int i = rest.indexOf(stop);
            if (i >= 0) end = Math.min(end, i);
        }
        return rest.substring(0, end).strip();
    }
}
