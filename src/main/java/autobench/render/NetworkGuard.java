package autobench.render;

import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The only way a render's requests are answered. The page itself comes from a made-up origin
 * (so it gets a real, secure origin rather than about:blank), allowed library URLs from the local
 * copies, and everything else is refused. This is the first of three layers; the resolver rules
 * and the dead proxy in {@link ChromiumArgs} stop what routes never see.
 */
final class NetworkGuard {
    static final String DOCUMENT_URL = "https://render.autobench.invalid/";
    /**
     * Where the second run of a page (the one that gets input) is loaded: a sibling origin, so it
     * sees none of the first run's storage.
     */
    static final String REPLAY_URL = "https://replay.autobench.invalid/";

    // Called on Playwright's thread only, so plain collections do.
    private final LibraryRoutes libraries;
    private final byte[] html;
    private final Trace trace;
    /** The document is served once per URL: a reload or a second visit gets "no content". */
    private boolean served;

    private boolean replayExpected;
    private boolean replayServed;

    NetworkGuard(LibraryRoutes libraries, String html, Trace trace) {
        this.libraries = libraries;
        this.html = html.getBytes(StandardCharsets.UTF_8);
        this.trace = trace;
    }

    void handle(Route route) {
        Request request = route.request();
        String url = request.url();
        try {
            if (isTopLevelNavigation(request) && firstVisit(url)) {
                route.fulfill(new Route.FulfillOptions()
                        .setStatus(200)
                        .setHeaders(Map.of(
                                "content-type",
                                "text/html; charset=utf-8",
                                "cache-control",
                                "no-store",
                                // Trusted Types, with init.js's pass-through default policy: the one
                                // hook that sees javascript: URL navigations (init.js says why).
                                "content-security-policy",
                                "require-trusted-types-for 'script'"))
                        .setBodyBytes(html));
                return;
            }
            if (libraries.resolve(url) instanceof LibraryRoutes.Resolution.Served library) {
                route.fulfill(new Route.FulfillOptions()
                        .setStatus(200)
                        .setHeaders(Map.of("content-type", library.contentType(), "access-control-allow-origin", "*"))
                        .setBodyBytes(library.body()));
                library.substituted().ifPresent(trace::assist);
                return;
            }
            trace.blocked(request.resourceType() + " " + url);
            if (request.isNavigationRequest()) {
                // An aborted navigation would replace the page with Chrome's error page; a 204
                // answer is "nothing to show", so the page that asked to leave stays.
                route.fulfill(new Route.FulfillOptions().setStatus(204));
            } else {
                route.abort("blockedbyclient");
            }
        } catch (PlaywrightException e) {
            // The page or context went away while answering; nothing left to protect.
        }
    }

    void handle(WebSocketRoute socket) {
        trace.blocked("websocket " + socket.url());
        try {
            socket.close(new WebSocketRoute.CloseOptions().setCode(1008).setReason("network is disabled"));
        } catch (PlaywrightException e) {
            // already gone
        }
    }

    /** Lets the renderer load the page once more, at {@link #REPLAY_URL}; the page itself cannot. */
    void expectReplay() {
        replayExpected = true;
    }

    private boolean firstVisit(String url) {
        if (url.equals(DOCUMENT_URL) && !served) return served = true;
        if (url.equals(REPLAY_URL) && replayExpected && !replayServed) return replayServed = true;
        return false;
    }

    private static boolean isTopLevelNavigation(Request request) {
        try {
            return request.isNavigationRequest() && request.frame().parentFrame() == null;
        } catch (PlaywrightException e) {
            return false; // service-worker requests have no frame
        }
    }
}
