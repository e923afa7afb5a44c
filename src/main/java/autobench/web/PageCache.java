package autobench.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    record Entry(long version, int status, String contentType, byte[] body, byte[] gzip, String etag,
                 java.nio.ByteBuffer directBody, java.nio.ByteBuffer directGzip) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final DataVersion version;
    private final boolean enabled;

    PageCache(DataVersion version, boolean enabled) {
        this.version = version;
        this.enabled = enabled;
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
        return e != null && e.version() == version.current() ? e : null;
    }

    Entry entry(String key, Supplier<Response> render) {
        long v = version.current();
        boolean keep = enabled && !operatorPage(key);
        Entry e = keep ? entries.get(key) : null;
        if (e != null && e.version() == v) return e;
        e = build(v, render.get());
        if (keep) {
            if (entries.size() >= MAX_ENTRIES) entries.clear();
            entries.put(key, e);
        }
        return e;
    }

    /** Operator pages (/admin…) are per session and never cached, whatever a handler asks. */
    static boolean operatorPage(String key) {
        String path = key.substring(key.indexOf('|') + 1);
        return path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/admin?");
    }

    static Entry build(long version, Response r) {
        byte[] gzip = r.body().length >= 256 && compressible(r.contentType()) ? gzip(r.body()) : null;
        return new Entry(version, r.status(), r.contentType(), r.body(), gzip, etag(r.body()), direct(r.body()), gzip == null ? null : direct(gzip));
    }

    static void send(Context ctx, Entry e, String cacheControl) {
        ctx.attribute(Routes.SENT, true);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", e.etag());
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(e.contentType());
        String inm = ctx.header("If-None-Match");
        if (e.status() == 200 && inm != null && matches(inm, e.etag())) {
            ctx.status(304);
            return;
        }
        ctx.status(e.status());
        String ae = ctx.header("Accept-Encoding");
        if (e.gzip() != null && ae != null && ae.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            write(ctx, e.gzip());
        } else {
            write(ctx, e.body());
        }
    }

    /** Straight to the response with its length: no result stream to copy, no chunked encoding. */
    static void write(Context ctx, byte[] body) {
        ctx.res().setContentLength(body.length);
        if (ctx.method() == io.javalin.http.HandlerType.HEAD) return;
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
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript") || type.contains("svg");
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
