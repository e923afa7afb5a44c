package autobench.web;

import autobench.render.ArtifactStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a GET (or HEAD) whose answer is cached and current straight from Jetty, before the servlet layer:
 * the same bytes and headers as {@link PageCache#send}, by the same decision ({@link PageCache#reply}),
 * without the per-request cost of Javalin's context; and a battle's poster whose bytes are remembered
 * ({@link BattleHandlers#posterIfKnown}), with the headers {@link BattleHandlers#poster} sends. Anything else (a path no cacheable route names,
 * a miss, a stale entry, another method) goes on to Javalin, which checks, renders and caches it.
 * The key is the route table's ({@link Routes#key}), the one the handlers use.
 */
final class FastPath extends Handler.Wrapper {
    private static final HttpField BR =
            new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, PageCache.contentEncoding(Encodings.Coding.BR));
    private static final HttpField GZIP =
            new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, PageCache.contentEncoding(Encodings.Coding.GZIP));
    /** The main origin's fixed headers, as {@link Site#headers} sends them, plus the page cache's. */
    private static final HttpField[] FIXED = fixed();
    /** The main origin's fixed headers alone, and a poster's own: what {@link BattleHandlers#poster} sends. */
    private static final HttpField[] POSTER = poster();

    private static final String POSTER_PREFIX = "/p/";

    private final PageCache cache;
    private final Routes routes;
    private final Origins origins;
    // The policy names the sandbox origin, a function of the scheme and the host: made once per pair, not per request.
    private final Map<String, HttpField> httpPolicies = new ConcurrentHashMap<>();
    private final Map<String, HttpField> httpsPolicies = new ConcurrentHashMap<>();

    private final Function<String, ArtifactStore.Blob> posters;
    private final LongAdder postersSent = new LongAdder();

    /**
     * @param posters a battle poster's bytes by its sealed reference when they can be sent without waiting,
     *                else null ({@link BattleHandlers#posterIfKnown})
     */
    FastPath(PageCache cache, Routes routes, Origins origins, Function<String, ArtifactStore.Blob> posters) {
        this.cache = cache;
        this.routes = routes;
        this.origins = origins;
        this.posters = posters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) return dispatch(request, response, callback);
        HttpURI uri = request.getHttpURI();
        HttpFields in = request.getHeaders();
        String host = origins.host(in.get(HttpHeader.HOST));
        String path = uri.getPath();
        if (path.startsWith(POSTER_PREFIX)) {
            // A battle's poster (two per battle page): answered here once its bytes are remembered, like a page.
            String ref = path.substring(POSTER_PREFIX.length());
            ArtifactStore.Blob poster = ref.isEmpty() || ref.indexOf('/') >= 0 ? null : posters.apply(ref);
            if (poster != null) return poster(request, response, callback, poster, head, host);
        }
        String key = routes.key(host, path, uri.getQuery());
        PageCache.Entry e = key == null ? null : cache.current(key);
        if (e == null && head) return dispatch(asGet(request), response, callback);
        if (e == null) return dispatch(request, response, callback);

        String scheme = origins.scheme(request.isSecure() ? "https" : "http", in.get("X-Forwarded-Proto"));
        HttpFields.Mutable out = response.getHeaders();
        // Every header arrives as bytes made once (per policy, per entry): nothing is encoded per request.
        out.add(policy(scheme, host));
        for (HttpField f : FIXED) out.add(f);
        for (HttpField f : e.wire()) out.add(f);
        PageCache.Reply reply =
                PageCache.reply(e, in.get(HttpHeader.IF_NONE_MATCH), in.get(HttpHeader.ACCEPT_ENCODING));
        if (!(reply instanceof PageCache.Reply.Full f)) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(f.status());
        if (f.encoding() != null) out.add(f.coding() == Encodings.Coding.BR ? BR : GZIP);
        ByteBuffer body = e.direct(f.coding()); // each response reads its own view of the shared bytes
        out.put(HttpHeader.CONTENT_LENGTH, body.remaining());
        if (head) { // the headers a GET would get, with its length, and no body
            response.write(true, null, callback);
        } else {
            response.write(true, body, callback);
        }
        return true;
    }

    private boolean poster(
            Request request,
            Response response,
            Callback callback,
            ArtifactStore.Blob poster,
            boolean head,
            String host) {
        String scheme = origins.scheme(
                request.isSecure() ? "https" : "http", request.getHeaders().get("X-Forwarded-Proto"));
        HttpFields.Mutable out = response.getHeaders();
        out.add(policy(scheme, host));
        for (HttpField f : POSTER) out.add(f);
        out.put(HttpHeader.CONTENT_TYPE, poster.mimeType());
        out.put(HttpHeader.CONTENT_LENGTH, poster.content().length);
        response.setStatus(200);
        response.write(true, head ? null : ByteBuffer.wrap(poster.content()), callback);
        postersSent.increment();
        return true;
    }

    /** Posters answered here rather than by the handlers (tests). */
    long postersSent() {
        return postersSent.sum();
    }

    /**
     * Non-blocking: a cached answer is written from the thread that read the request (Jetty's selector),
     * with no hand-over to another thread; everything else is {@linkplain #dispatch dispatched}.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /**
     * Javalin's handlers block (templates, the database), so they run on the server's thread pool, never
     * on the thread that called {@link #handle}.
     */
    private boolean dispatch(Request request, Response response, Callback callback) {
        getServer().getThreadPool().execute(() -> {
            try {
                if (!super.handle(request, response, callback))
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            } catch (Throwable t) {
                Response.writeError(request, response, callback, t);
            }
        });
        return true;
    }

    private static HttpField[] fixed() {
        List<HttpField> f = new ArrayList<>();
        for (String[] h : Site.FIXED_HEADERS) f.add(new PreEncodedHttpField(h[0], h[1]));
        f.add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, PageCache.PAGE_CACHE_CONTROL));
        f.add(new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding"));
        return f.toArray(HttpField[]::new);
    }

    private static HttpField[] poster() {
        List<HttpField> f = new ArrayList<>();
        for (String[] h : Site.FIXED_HEADERS) f.add(new PreEncodedHttpField(h[0], h[1]));
        f.add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, BattleHandlers.POSTER_CACHE_CONTROL));
        return f.toArray(HttpField[]::new);
    }

    private HttpField policy(String scheme, String host) {
        Map<String, HttpField> policies = scheme.equals("https") ? httpsPolicies : httpPolicies;
        HttpField f = policies.get(host);
        if (f == null) {
            f = new PreEncodedHttpField("Content-Security-Policy", origins.mainPolicy(origins.sandbox(scheme, host)));
            if (policies.size() < 1_000) policies.put(host, f); // a few real hosts; invented Host headers are not kept
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
