package autobench.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Rendered pages and API answers kept in memory with their gzip form and ETag, valid while the
 * data version is unchanged: an unchanged page costs no database query and no rendering. A
 * changed version re-renders on the next request for that key only. The ETag is the body's
 * hash, so a page that renders to the same bytes keeps its ETag across versions.
 *
 * <p>Bounded by bytes, not entries: every entry is weighed by what it holds (its bodies twice, once
 * on the heap and once off it) and the least valuable go first when the total passes the bound.
 * Caffeine's W-TinyLFU chooses them: recency as an LRU would, plus how often a key was asked, so
 * a flood of one-time keys (a crawler inventing query strings) passes through a small window and
 * cannot push out pages people read. Only 200s are kept, and only under keys made of checked,
 * canonical parameter values ({@link #canonicalQuery}); N requests that miss one key at once make
 * one render, which the others wait for (single flight).
 */
final class PageCache {
    /** The default bound: all entries' bytes together, heap and direct copies counted. */
    static final long MAX_BYTES = 32L << 20;
    /** What an entry costs beyond its bodies: the key, the record, the buffers' headers, the map's node. */
    static final int ENTRY_OVERHEAD = 512;
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
            ByteBuffer directBody,
            ByteBuffer directGzip,
            ByteBuffer directBr,
            HttpField[] wire) {

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
        ByteBuffer direct(Encodings.Coding c) {
            ByteBuffer shared = switch (c) {
                case BR -> directBr;
                case GZIP -> directGzip;
                case IDENTITY -> directBody;
            };
            return shared.duplicate();
        }
    }

    private final Cache<String, Entry> entries;
    /** The render in progress per key: the one request rendering it completes it, the others wait on it. */
    private final ConcurrentHashMap<String, CompletableFuture<Entry>> loading = new ConcurrentHashMap<>();

    private final long maxBytes;

    private final DataVersion version;
    private final boolean enabled;

    static final long RENDER_WAIT_MILLIS = 10_000;

    PageCache(DataVersion version, boolean enabled) {
        this(version, enabled, RENDER_WAIT_MILLIS);
    }

    PageCache(DataVersion version, boolean enabled, long renderWaitMillis) {
        this(version, enabled, renderWaitMillis, new SimpleMeterRegistry(), MAX_BYTES);
    }

    /**
     * @param renderWaitMillis how long a render waits for its turn before the request gets a 503
     * @param meters           where {@code autobench_page_cache_total{result}} is counted: {@code hit} (current
     *                         entry), {@code stale} (the previous version while another request re-renders),
     *                         {@code render} (rendered now), {@code shared} (waited for the render another request
     *                         of the same key was doing), {@code busy} (refused with a 503); and the gauges
     *                         {@code autobench_page_cache_bytes}, {@code autobench_page_cache_entries} and
     *                         {@code autobench_page_cache_max_bytes} (the bound)
     * @param maxBytes         the bound on all entries' weight ({@link #weight})
     */
    PageCache(DataVersion version, boolean enabled, long renderWaitMillis, MeterRegistry meters, long maxBytes) {
        this.version = version;
        this.enabled = enabled;
        this.renderWaitMillis = renderWaitMillis;
        this.maxBytes = maxBytes;
        // Evictions run on the thread that caused them: no background pool, and a test sees the bound at once.
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String k, Entry e) -> weight(k, e))
                .executor(Runnable::run)
                .build();
        this.hits = meters.counter("autobench.page_cache", "result", "hit");
        this.stale = meters.counter("autobench.page_cache", "result", "stale");
        this.rendered = meters.counter("autobench.page_cache", "result", "render");
        this.shared = meters.counter("autobench.page_cache", "result", "shared");
        this.busy = meters.counter("autobench.page_cache", "result", "busy");
        Gauge.builder("autobench.page_cache.bytes", this, PageCache::bytes).register(meters);
        Gauge.builder("autobench.page_cache.entries", this, PageCache::size).register(meters);
        Gauge.builder("autobench.page_cache.max_bytes", this, PageCache::maxBytes)
                .register(meters);
    }

    private final Counter hits, stale, rendered, shared, busy;

    /**
     * What an entry costs in memory: each body (identity, gzip, brotli) twice, as an array for the
     * handlers and as a direct buffer for the fast path, plus the key and a fixed overhead.
     */
    static int weight(String key, Entry e) {
        long bodies = length(e.body()) + length(e.gzip()) + length(e.br());
        return (int) Math.min(Integer.MAX_VALUE, 2 * bodies + 2L * key.length() + ENTRY_OVERHEAD);
    }

    private static long length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /** The weight of all entries now, in bytes. */
    long bytes() {
        return entries.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Entries now. */
    long size() {
        return entries.estimatedSize();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Renders so far (kept or not): what a test counts to show that nothing was invalidated. */
    long renders() {
        return (long) rendered.count();
    }

    /**
     * The query as it counts for caching: the parameters the route reads ({@code params}), first value
     * each, decoded and trimmed as the handlers read them, in that order; "" for none. Invented
     * parameters ({@code ?x=1}, {@code ?x=2}, …), those the route does not read and blank values name the
     * same entry instead of one render each, and so do the spellings of one value ({@code g%61me},
     * {@code +game}). Null when a value is not one the route can use ({@link Param#canonical}; the route
     * answers it with the one 400) or cannot be decoded: nothing is kept for such a request.
     */
    static String canonicalQuery(List<Param> params, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty() || params.isEmpty()) return "";
        String[] found = new String[params.size()];
        for (String pair : rawQuery.split("&", 64)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name == null) return null;
            int at = -1;
            for (int i = 0; i < params.size(); i++) if (params.get(i).wire.equals(name)) at = i;
            if (at < 0 || found[at] != null) continue;
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value == null) return null;
            found[at] = value;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < found.length; i++) {
            String v = found[i] == null ? "" : found[i].trim(); // the handlers read values trimmed
            if (v.isEmpty()) continue; // absent and blank read the same
            if (!params.get(i).canonical(v)) return null;
            b.append(b.isEmpty() ? '?' : '&')
                    .append(params.get(i).wire)
                    .append('=')
                    .append(v);
        }
        return b.toString();
    }

    /** A query component decoded as the servlet layer decodes it, or null when it cannot be. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return raw;
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }

    /** Serves the cached response for {@code key}, rendering it first if missing or stale. */
    void serve(Context ctx, String key, Supplier<Response> render) {
        Entry e = entry(key, render);
        send(ctx, e, e.status() == 400 ? Routes.BAD_REQUEST_CACHE_CONTROL : PAGE_CACHE_CONTROL);
    }

    /** Renders an answer in turn with the others, sends it and keeps it nowhere, not even in a shared cache. */
    void serveUnkept(Context ctx, Supplier<Response> render) {
        send(ctx, once(renderBounded(render)), Routes.BAD_REQUEST_CACHE_CONTROL);
    }

    /** The entry kept for {@code key}, current or not, or null: what the cache holds (tests). */
    Entry kept(String key) {
        return entries.getIfPresent(key);
    }

    /**
     * The entry for {@code key} if it is cached and current, else null (the caller renders through the handlers).
     * Never waits: it runs on the thread that reads requests ({@link FastPath}), so when the data version is due
     * to be asked again it answers null and the handlers, on the thread pool, ask the database.
     */
    Entry current(String key) {
        if (!enabled || operatorPage(key)) return null;
        Entry e = entries.getIfPresent(key);
        if (e == null) return null;
        long v = version.ifFresh();
        if (v == DataVersion.UNKNOWN) return null;
        if (e.version() == v) {
            hits.increment();
            return e;
        }
        // While one request re-renders a changed page, the others get the answer before it (stale while revalidating).
        if (loading.containsKey(key)) {
            stale.increment();
            return e;
        }
        return null;
    }

    /**
     * The current entry for {@code key}, rendered by this call if nobody else is rendering it. Of many
     * requests for a key that is missing, one renders and the others wait for its answer; for a key
     * whose entry is stale, one re-renders and the others get the previous answer at once. Under a
     * stream of data changes every page would otherwise be rebuilt by every request that saw it stale,
     * and a popular page that fell out would be rendered once per request waiting for it.
     */
    Entry entry(String key, Supplier<Response> render) {
        long v = version.current();
        boolean keep = enabled && !operatorPage(key);
        if (!keep) return once(renderBounded(render));
        Entry e = entries.getIfPresent(key);
        if (e != null && e.version() == v) {
            hits.increment();
            return e;
        }
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            if (e != null) {
                stale.increment();
                return e;
            }
            shared.increment();
            return await(running);
        }
        try {
            Response r = renderBounded(render);
            // Only a 200 is kept: an error or a 404 for an invented id would otherwise take a place per value.
            Entry fresh = r.status() == 200 ? build(v, r) : once(r);
            if (r.status() == 200) entries.put(key, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException failed) {
            mine.completeExceptionally(failed);
            if (failed instanceof Busy && e != null) {
                stale.increment(); // better the previous answer than a 503
                return e;
            }
            throw failed;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** Waits for another request's render of the same key, as long as a render may wait for its turn. */
    private Entry await(CompletableFuture<Entry> running) {
        try {
            return running.get(renderWaitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            busy.increment();
            throw new Busy();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Busy) throw new Busy();
            if (failed.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(failed.getCause());
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
            got = renders.tryAcquire(renderWaitMillis, TimeUnit.MILLISECONDS);
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
    private final Semaphore renders = new Semaphore(RENDERS_AT_ONCE, true);

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
    private static HttpField[] wire(String etag, String contentType) {
        return new HttpField[] {
            new PreEncodedHttpField(HttpHeader.ETAG, etag),
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType)
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

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
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
