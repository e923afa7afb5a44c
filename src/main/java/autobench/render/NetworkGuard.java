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

    // Called on Playwright's thread only, so plain collections do.
    private final LibraryRoutes libraries;
    private final byte[] html;
    private final Trace trace;
    /** Main frames already given the document: a reload or a second visit gets "no content". */
    private final java.util.Set<com.microsoft.playwright.Frame> served = new java.util.HashSet<>();

    NetworkGuard(LibraryRoutes libraries, String html, Trace trace) {
        this.libraries = libraries;
        this.html = html.getBytes(StandardCharsets.UTF_8);
        this.trace = trace;
    }

    void handle(Route route) {
        Request request = route.request();
        String url = request.url();
        try {
            if (url.equals(DOCUMENT_URL) && isTopLevelNavigation(request) && served.add(request.frame())) {
                route.fulfill(new Route.FulfillOptions().setStatus(200)
                        .setHeaders(Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"))
                        .setBodyBytes(html));
                return;
            }
            var served = libraries.lookup(url);
            if (served.isPresent()) {
                route.fulfill(new Route.FulfillOptions().setStatus(200)
                        .setHeaders(Map.of("content-type", served.get().contentType(), "access-control-allow-origin", "*"))
                        .setBodyBytes(served.get().body()));
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

    private static boolean isTopLevelNavigation(Request request) {
        try {
            return request.isNavigationRequest() && request.frame().parentFrame() == null;
        } catch (PlaywrightException e) {
            return false; // service-worker requests have no frame
        }
    }
}
