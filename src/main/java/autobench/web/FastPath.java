package autobench.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a GET whose answer is cached and current straight from Jetty, before the servlet layer:
 * the same bytes, headers and 304 logic as {@link PageCache#send}, without the per-request cost of
 * Javalin's context. Anything else (a miss, a stale entry, another method) goes on to Javalin,
 * which renders and caches it. Keys are built exactly as {@link PageHandlers#key} builds them.
 */
final class FastPath extends Handler.Wrapper {
    private final PageCache cache;
    private final Origins origins;

    FastPath(PageCache cache, Origins origins) {
        this.cache = cache;
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.GET.is(request.getMethod())) return super.handle(request, response, callback);
        HttpURI uri = request.getHttpURI();
        HttpFields in = request.getHeaders();
        String host = origins.host(in.get(HttpHeader.HOST));
        String query = uri.getQuery();
        String key = (origins.fixed() ? "" : host + "|") + uri.getPath() + (query == null ? "" : "?" + query);
        PageCache.Entry e = cache.current(key);
        if (e == null) return super.handle(request, response, callback);

        String scheme = origins.scheme(request.isSecure() ? "https" : "http", in.get("X-Forwarded-Proto"));
        HttpFields.Mutable out = response.getHeaders();
        out.put("Content-Security-Policy", origins.mainPolicy(origins.sandbox(scheme, host)));
        for (String[] h : Site.FIXED_HEADERS) out.put(h[0], h[1]);
        out.put(HttpHeader.CACHE_CONTROL, PageCache.PAGE_CACHE_CONTROL);
        out.put(HttpHeader.ETAG, e.etag());
        out.put(HttpHeader.VARY, "Accept-Encoding");
        out.put(HttpHeader.CONTENT_TYPE, e.contentType());
        String inm = in.get(HttpHeader.IF_NONE_MATCH);
        if (e.status() == 200 && inm != null && PageCache.matches(inm, e.etag())) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(e.status());
        String ae = in.get(HttpHeader.ACCEPT_ENCODING);
        ByteBuffer body = e.directBody();
        if (e.directGzip() != null && ae != null && ae.contains("gzip")) {
            out.put(HttpHeader.CONTENT_ENCODING, "gzip");
            body = e.directGzip();
        }
        out.put(HttpHeader.CONTENT_LENGTH, body.remaining());
        response.write(true, body.duplicate(), callback); // each response reads its own view of the shared bytes
        return true;
    }
}
