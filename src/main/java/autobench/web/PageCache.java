package autobench.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered pages and API answers kept in memory with their gzip form and ETag, valid while the
 * data version is unchanged: an unchanged page costs no database query and no rendering. A
 * changed version re-renders on the next request for that key only. The ETag is the body's
 * hash, so a page that renders to the same bytes keeps its ETag across versions.
 */
final class PageCache {
    private static final int MAX_ENTRIES = 4_000;
    /** Shared caches may keep a page briefly and serve it stale while they revalidate. */
    static final String PAGE_CACHE_CONTROL = "public, max-age=10, s-maxage=30, stale-while-revalidate=60";

    /**
     * One cached answer. The bodies are kept twice: as arrays for the handlers, and in direct
     * buffers that the fast path hands to Jetty without copying (large pages gain most).
     */
    record Entry(
            long version,
            int status,
            String contentType,
            byte[] body,
            byte[] gzip,
            byte[] br,
            String etag,
            java.nio.ByteBuffer directBody,
            java.nio.ByteBuffer directGzip,
            java.nio.ByteBuffer directBr,
            org.eclipse.jetty.http.HttpField[] wire) {

        /** The coding to send to a client with this Accept-Encoding. */
        Encodings.Coding coding(String acceptEncoding) {
            return Encodings.choose(acceptEncoding, br != null, gzip != null);
        }

        byte[] bytes(Encodings.Coding c) {
            return switch (c) {
                case BR -> br;
                case GZIP -> gzip;
                case IDENTITY -> body;
            };
        }

        /** A view of the shared direct bytes of one coding, for one response. */
        java.nio.ByteBuffer direct(Encodings.Coding c) {
            java.nio.ByteBuffer shared = switch (c) {
                case BR -> directBr;
                case GZIP -> directGzip;
                case IDENTITY -> directBody;
            };
            return shared.duplicate();
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Keys whose stale entry one request is re-rendering now. */
    private final java.util.Set<String> rendering = ConcurrentHashMap.newKeySet();

    private final DataVersion version;
    private final boolean enabled;

    static final long RENDER_WAIT_MILLIS = 10_000;

    PageCache(DataVersion version, boolean enabled) {
        this(version, enabled, RENDER_WAIT_MILLIS);
    }

    PageCache(DataVersion version, boolean enabled, long renderWaitMillis) {
        this(version, enabled, renderWaitMillis, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /**
     * @param renderWaitMillis how long a render waits for its turn before the request gets a 503
     * @param meters           where {@code autobench_page_cache_total{result}} is counted: {@code hit} (current
     *                         entry), {@code stale} (the previous version while another request re-renders),
     *                         {@code render} (rendered now), {@code busy} (refused with a 503)
     */
    PageCache(
            DataVersion version,
            boolean enabled,
            long renderWaitMillis,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.version = version;
        this.enabled = enabled;
        this.renderWaitMillis = renderWaitMillis;
        this.hits = meters.counter("autobench.page_cache", "result", "hit");
        this.stale = meters.counter("autobench.page_cache", "result", "stale");
        this.rendered = meters.counter("autobench.page_cache", "result", "render");
        this.busy = meters.counter("autobench.page_cache", "result", "busy");
    }

    private final io.micrometer.core.instrument.Counter hits, stale, rendered, busy;

    /**
     * The query as it counts for caching: the parameters the route reads ({@code params}), raw, first
     * value each, in that order; "" for none. Invented parameters ({@code ?x=1}, {@code ?x=2}, …) and
     * those the route does not read name the same entry instead of one render each.
     */
    static String canonicalQuery(List<String> params, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty() || params.isEmpty()) return "";
        String[] found = new String[params.size()];
        for (String pair : rawQuery.split("&", 64)) {
            int eq = pair.indexOf('=');
            int at = params.indexOf(eq < 0 ? pair : pair.substring(0, eq));
            if (at >= 0 && found[at] == null) found[at] = eq < 0 ? "" : pair.substring(eq + 1);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < found.length; i++) {
            if (found[i] != null)
                b.append(b.isEmpty() ? '?' : '&')
                        .append(params.get(i))
                        .append('=')
                        .append(found[i]);
        }
        return b.toString();
    }

    /** Serves the cached response for {@code key}, rendering it first if missing or stale. */
    void serve(Context ctx, String key, Supplier<Response> render) {
        Entry e = entry(key, render);
        send(ctx, e, PAGE_CACHE_CONTROL);
    }

    /** The entry for {@code key} if it is cached and current, else null (the caller renders through the handlers). */
    Entry current(String key) {
        if (!enabled || operatorPage(key)) return null;
        Entry e = entries.get(key);
        if (e == null) return null;
        if (e.version() == version.current()) {
            hits.increment();
            return e;
        }
        // While one request re-renders a changed page, the others get the answer before it (stale while revalidating).
        if (rendering.contains(key)) {
            stale.increment();
            return e;
        }
        return null;
    }

    Entry entry(String key, Supplier<Response> render) {
        long v = version.current();
        boolean keep = enabled && !operatorPage(key);
        Entry e = keep ? entries.get(key) : null;
        if (e != null && e.version() == v) {
            hits.increment();
            return e;
        }
        if (!keep) return once(renderBounded(render));
        // One re-render per changed page at a time: under a stream of votes every page would otherwise be
        // rebuilt by every request that saw it stale. The others answer with the previous version meanwhile.
        boolean mine = e != null && rendering.add(key);
        if (e != null && !mine) {
            stale.increment();
            return e;
        }
        try {
            Entry fresh = build(v, renderBounded(render));
            if (entries.size() >= MAX_ENTRIES) entries.clear();
            entries.put(key, fresh);
            return fresh;
        } catch (Busy refused) {
            if (e == null) throw refused;
            stale.increment(); // better the previous answer than a 503
            return e;
        } finally {
            if (mine) rendering.remove(key);
        }
    }

    /** Operator pages (/admin…) are per session and never cached, whatever a handler asks. */
    static boolean operatorPage(String key) {
        String path = key.substring(key.indexOf('|') + 1);
        return path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/admin?");
    }

    /**
     * Renders at most {@link #RENDERS_AT_ONCE} answers at a time: a flood of requests for pages
     * nobody asked before (every date window of the leaderboard, say) queues here instead of
     * piling queries on the database, while cached pages keep leaving from the fast path. A
     * request that waits too long gets a 503 asking to retry, which is not cached.
     */
    private Response renderBounded(Supplier<Response> render) {
        boolean got;
        try {
            got = renders.tryAcquire(renderWaitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            busy.increment();
            throw new Busy();
        }
        try {
            rendered.increment();
            return render.get();
        } finally {
            renders.release();
        }
    }

    /** Too many renders waiting: the caller answers 503 with Retry-After. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("the site is busy rendering pages; try again in a few seconds", null, false, false);
        }
    }

    static final int RENDERS_AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final long renderWaitMillis;
    private final java.util.concurrent.Semaphore renders = new java.util.concurrent.Semaphore(RENDERS_AT_ONCE, true);

    /** An entry to keep: gzip and brotli made once, here. */
    static Entry build(long version, Response r) {
        return build(version, r, Encodings.PAGE_QUALITY);
    }

    /** An entry to keep, with brotli at the given quality (0–11). */
    static Entry build(long version, Response r, int brotliQuality) {
        boolean compress = r.body().length >= 256 && compressible(r.contentType());
        byte[] gzip = compress ? gzip(r.body()) : null;
        byte[] br = compress && brotliQuality >= 0 ? Encodings.brotli(r.body(), brotliQuality) : null;
        String tag = etag(r.body()), type = sameAsServlet(r.contentType());
        return new Entry(
                version,
                r.status(),
                type,
                r.body(),
                gzip,
                br,
                tag,
                direct(r.body()),
                gzip == null ? null : direct(gzip),
                br == null ? null : direct(br),
                wire(tag, type));
    }

    /** An answer sent once and not kept (uncached pages, errors): gzip only, no direct copies. */
    static Entry once(Response r) {
        byte[] gzip = r.body().length >= 256 && compressible(r.contentType()) ? gzip(r.body()) : null;
        return new Entry(
                0,
                r.status(),
                sameAsServlet(r.contentType()),
                r.body(),
                gzip,
                null,
                etag(r.body()),
                null,
                null,
                null,
                null);
    }

    /** An entry's own headers for the fast path, encoded once. */
    private static org.eclipse.jetty.http.HttpField[] wire(String etag, String contentType) {
        return new org.eclipse.jetty.http.HttpField[] {
            new org.eclipse.jetty.http.PreEncodedHttpField(org.eclipse.jetty.http.HttpHeader.ETAG, etag),
            new org.eclipse.jetty.http.PreEncodedHttpField(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, contentType)
        };
    }

    /** The type as the servlet layer writes it ({@code text/html;charset=utf-8}), so both paths send the same header. */
    private static String sameAsServlet(String contentType) {
        return contentType.replace("; charset=", ";charset=");
    }

    /** What a request gets for an entry: decided here for both the handlers ({@link #send}) and {@link FastPath}. */
    sealed interface Reply {
        /** The client's copy is current: 304, no body. */
        record NotModified() implements Reply {}

        /** The entry's status and body in one coding; {@code encoding} is the Content-Encoding value, or null. */
        record Full(int status, Encodings.Coding coding, String encoding) implements Reply {}
    }

    private static final Reply NOT_MODIFIED = new Reply.NotModified();

    /** The conditional and encoded answer: 304 when If-None-Match names a 200's ETag, else the best coding accepted. */
    static Reply reply(Entry e, String ifNoneMatch, String acceptEncoding) {
        if (e.status() == 200 && ifNoneMatch != null && matches(ifNoneMatch, e.etag())) return NOT_MODIFIED;
        Encodings.Coding c = e.coding(acceptEncoding);
        return new Reply.Full(e.status(), c, contentEncoding(c));
    }

    /** The Content-Encoding header's value for a coding; null for none. */
    static String contentEncoding(Encodings.Coding c) {
        return switch (c) {
            case BR -> "br";
            case GZIP -> "gzip";
            case IDENTITY -> null;
        };
    }

    /** Writes an entry through Javalin with the same headers and bodies the fast path sends for it. */
    static void send(Context ctx, Entry e, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", e.etag());
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(e.contentType());
        switch (reply(e, ctx.header("If-None-Match"), ctx.header("Accept-Encoding"))) {
            case Reply.NotModified n -> ctx.status(304);
            case Reply.Full f -> {
                ctx.status(f.status());
                if (f.encoding() != null) ctx.header("Content-Encoding", f.encoding());
                write(ctx, e.bytes(f.coding()));
            }
        }
    }

    /** Straight to the response with its length: no result stream to copy, no chunked encoding. */
    static void write(Context ctx, byte[] body) {
        ctx.res().setContentLength(body.length);
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) s = s.substring(2);
            if (s.equals(etag) || s.equals("*")) return true;
        }
        return false;
    }

    private static boolean compressible(String type) {
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.contains("svg");
    }

    private static java.nio.ByteBuffer direct(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        return b.asReadOnlyBuffer();
    }

    static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] body) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64)) {
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(body);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
