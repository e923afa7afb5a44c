package autobench.web;

import autobench.gallery.Gallery;
import autobench.render.ArtifactStore;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Static files (our CSS and JS, htmx, Prism) read once at start and kept compressed, and
 * artifacts by content hash: a hash names its bytes forever, so they are cached as immutable.
 */
final class Assets {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String WEBJARS = "/META-INF/resources/webjars/";
    private static final String PRISM = WEBJARS + "prismjs/1.30.0/";
    /**
     * The compressed files, made once per process however many sites it starts: brotli at its best
     * quality takes a quarter of a second for these few files, and the test suite starts dozens of
     * sites in one JVM. The files come from the class path, so a name's bytes never change.
     */
    private static final Map<String, PageCache.Entry> MADE = new ConcurrentHashMap<>();

    private final Map<String, PageCache.Entry> files = new LinkedHashMap<>();
    private final Gallery gallery;

    Assets(Gallery gallery) {
        this.gallery = gallery;
        add("site.css", "text/css; charset=utf-8", "/autobench/web/static/site.css");
        add("site.js", "text/javascript; charset=utf-8", "/autobench/web/static/site.js");
        add("favicon.ico", "image/x-icon", "/autobench/web/static/favicon.ico");
        add("htmx.min.js", "text/javascript; charset=utf-8", WEBJARS + "htmx.org/2.0.10/dist/htmx.min.js");
        // Prism's theme and, after it, its token colours made readable (WCAG AA contrast; the file says which).
        add(
                "prism.css",
                "text/css; charset=utf-8",
                PRISM + "themes/prism.min.css",
                "/autobench/web/static/prism-contrast.css");
        // Prism's core and the three languages an HTML answer mixes; clike is what javascript extends.
        add(
                "prism.js",
                "text/javascript; charset=utf-8",
                PRISM + "components/prism-core.min.js",
                PRISM + "components/prism-clike.min.js",
                PRISM + "components/prism-markup.min.js",
                PRISM + "components/prism-css.min.js",
                PRISM + "components/prism-javascript.min.js");
    }

    private void add(String name, String type, String... resources) {
        files.put(name, MADE.computeIfAbsent(name, n -> make(type, resources)));
    }

    private static PageCache.Entry make(String type, String... resources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : resources) {
            try (InputStream in = Assets.class.getResourceAsStream(r)) {
                if (in == null) throw new IllegalStateException("missing resource " + r + " (is the jar complete?)");
                out.write(in.readAllBytes());
                if (type.startsWith("text/")) out.write('\n'); // joined scripts stay apart; an image stays as it is
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return PageCache.build(0, new Response(200, type, out.toByteArray()), Encodings.STATIC_QUALITY);
    }

    /** The kept entry of a static file, or null. */
    PageCache.Entry entry(String name) {
        return files.get(name);
    }

    void file(Context ctx) {
        PageCache.Entry e = files.get(ctx.pathParam("name"));
        if (e == null) {
            ctx.status(404).result("no such file");
            return;
        }
        PageCache.send(ctx, e, "public, max-age=86400");
    }

    /**
     * {@code /favicon.ico}, where browsers look for it even without the page's link (a missing one is a
     * console error on every page). Its address never changes, so it is cached for a week, not forever.
     */
    void favicon(Context ctx) {
        PageCache.send(ctx, files.get("favicon.ico"), "public, max-age=604800");
    }

    void artifact(Context ctx) {
        String sha = ctx.pathParam("sha");
        if (!SHA256.matcher(sha).matches()) {
            ctx.status(404).result("not a content hash");
            return;
        }
        String etag = "\"" + sha + "\"";
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        Optional<ArtifactStore.Blob> blob = gallery.blob(sha);
        if (blob.isEmpty()) {
            ctx.header("Cache-Control", "no-store");
            ctx.status(404).result("no artifact with this hash");
            return;
        }
        ctx.contentType(blob.get().mimeType()).result(blob.get().content());
    }
}
