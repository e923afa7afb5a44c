package autobench.web;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a GET (or HEAD) whose answer is cached and current straight from Jetty, before the servlet layer:
 * the same bytes, headers and 304 logic as {@link PageCache#send}, without the per-request cost of
 * Javalin's context. Anything else (a miss, a stale entry, another method) goes on to Javalin,
 * which renders and caches it. Keys are built exactly as {@link PageHandlers#key} builds them.
 */
final class FastPath extends Handler.Wrapper {
    private static final HttpField BR = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "br");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
    /** The main origin's fixed headers, as {@link Site#headers} sends them, plus the page cache's. */
    private static final HttpField[] FIXED = fixed();
    private final PageCache cache;
    private final Origins origins;
    private final Map<String, HttpField> policies = new ConcurrentHashMap<>();

    FastPath(PageCache cache, Origins origins) {
        this.cache = cache;
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) return super.handle(request, response, callback);
        HttpURI uri = request.getHttpURI();
        HttpFields in = request.getHeaders();
        String host = origins.host(in.get(HttpHeader.HOST));
        String key = (origins.fixed() ? "" : host + "|") + uri.getPath() + PageCache.canonicalQuery(uri.getQuery());
        PageCache.Entry e = cache.current(key);
        if (e == null && head) return super.handle(asGet(request), response, callback);
        if (e == null) return super.handle(request, response, callback);

        String scheme = origins.scheme(request.isSecure() ? "https" : "http", in.get("X-Forwarded-Proto"));
        HttpFields.Mutable out = response.getHeaders();
        // Every header arrives as bytes made once (per policy, per entry): nothing is encoded per request.
        out.add(policy(origins.sandbox(scheme, host)));
        for (HttpField f : FIXED) out.add(f);
        for (HttpField f : e.wire()) out.add(f);
        String inm = in.get(HttpHeader.IF_NONE_MATCH);
        if (e.status() == 200 && inm != null && PageCache.matches(inm, e.etag())) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(e.status());
        Encodings.Coding c = e.coding(in.get(HttpHeader.ACCEPT_ENCODING));
        if (c != Encodings.Coding.IDENTITY) out.add(c == Encodings.Coding.BR ? BR : GZIP);
        ByteBuffer body = e.direct(c); // each response reads its own view of the shared bytes
        out.put(HttpHeader.CONTENT_LENGTH, body.remaining());
        if (head) { // the headers a GET would get, with its length, and no body
            response.write(true, null, callback);
        } else {
            response.write(true, body, callback);
        }
        return true;
    }

    private static HttpField[] fixed() {
        List<HttpField> f = new ArrayList<>();
        for (String[] h : Site.FIXED_HEADERS) f.add(new PreEncodedHttpField(h[0], h[1]));
        f.add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, PageCache.PAGE_CACHE_CONTROL));
        f.add(new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding"));
        return f.toArray(HttpField[]::new);
    }

    private HttpField policy(String sandbox) {
        HttpField f = policies.get(sandbox);
        if (f == null) {
            f = new PreEncodedHttpField("Content-Security-Policy", origins.mainPolicy(sandbox));
            if (policies.size() < 1_000) policies.put(sandbox, f); // a few real hosts; invented Host headers are not kept
        }
        return f;
    }

    /**
     * A HEAD the cache cannot answer goes through the handlers as the GET it stands for, so its
     * headers (status, length, type, ETag) are the GET's. Jetty still knows the exchange is a HEAD
     * and sends no body. (Javalin alone would answer every HEAD with an empty 200.)
     */
    private static Request asGet(Request head) {
        return new Request.Wrapper(head) {
            @Override
            public String getMethod() {
                return HttpMethod.GET.asString();
            }
        };
    }
}
