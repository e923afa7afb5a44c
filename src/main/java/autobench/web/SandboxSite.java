package autobench.web;

import autobench.gallery.Gallery;
import autobench.gallery.Texts;
import autobench.runtime.Libraries;
import autobench.web.Encodings.Coding;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preview origin: serves model code to run live, and the allowed libraries, nothing else.
 * Every response is sandboxed by CSP (scripts, pointer lock; never same-origin, so the code gets
 * an opaque origin: no cookies, no storage shared with anything) and may connect nowhere. Library
 * CDN URLs in the code are pointed at this origin's local copies; the CSP lets scripts come only
 * from those copies and inline code, so any other URL fails in the visitor's browser too.
 *
 * <p>CSP does not cover WebRTC, so the answer is served behind a guard script that runs first
 * (guard.js: no RTC interfaces, no nested documents, a heartbeat responder), and it is only ever
 * served into a frame: a top-level visit gets a script-free wrapper page that frames it, so the
 * answer never holds a tab it could navigate.
 */
final class SandboxSite {
    /** A srcdoc attribute in markup: its document would be a fresh window the guard never saw. */
    private static final Pattern SRCDOC = Pattern.compile("(?i)(?<=[\\s/\"'])srcdoc(?=\\s*=)");
    /** Where the guard goes: after a doctype (a script before it would switch the page to quirks mode). */
    private static final Pattern DOCTYPE = Pattern.compile("(?is)^\uFEFF?\\s*(?:<!--.*?-->\\s*)*<!doctype[^>]*>");

    private static final String GUARD = "<script>" + resource("/autobench/web/sandbox/guard.js") + "</script>";
    private final Gallery gallery;
    private final Keys keys;
    private final LibraryLookup libraries;
    private final Origins origins;

    SandboxSite(Gallery gallery, Keys keys, LibraryLookup libraries, Origins origins) {
        this.gallery = gallery;
        this.keys = keys;
        this.libraries = libraries;
        this.origins = origins;
    }

    Javalin create(String host) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.routes.before(this::headers);
            Routes.registerSandbox(config.routes, this);
        });
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", policy(ctx));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.header(
                "Permissions-Policy",
                "camera=(), microphone=(), geolocation=(), usb=(), payment=(), display-capture=()");
        ctx.header("X-DNS-Prefetch-Control", "off");
    }

    String policy(Context ctx) {
        String self = origins.sandbox(ctx);
        return "sandbox allow-scripts allow-pointer-lock; default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' "
                + self + "/cdn/"
                // Style sheets and their fonts (Font Awesome, Bootstrap, KaTeX) only from this origin's copies, too.
                + "; style-src 'unsafe-inline' " + self
                + "/cdn/; img-src data: blob:; media-src data: blob:; font-src data: "
                + self + "/cdn/; worker-src blob:"
                + "; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'"
                // Every HTML and script sink goes through the guard's default policy (no nested documents).
                + "; require-trusted-types-for 'script'; trusted-types default"
                // The main site's pages frame answers, and so does this origin's own wrapper page.
                + "; frame-ancestors " + origins.main(ctx) + " " + self;
    }

    /** The wrapper's policy: no script at all, only the framed answer from this origin, never framed itself. */
    String wrapperPolicy(Context ctx) {
        return "default-src 'none'; style-src 'unsafe-inline'; frame-src " + origins.sandbox(ctx) + "/run/"
                + "; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** The answer's code, by submission id (task pages) or sealed reference (battles). */
    void run(Context ctx) {
        String ref = ctx.pathParam("ref");
        String id = ref.length() > 40 ? keys.unseal(ref).orElse("") : ref;
        Optional<String> code = gallery.texts(id).map(Texts::code).filter(c -> !c.isBlank());
        if (code.isEmpty()) {
            ctx.status(404).result("No runnable answer here.");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("Vary", "Sec-Fetch-Dest");
        if (!framed(ctx.header("Sec-Fetch-Dest"), flag(ctx.queryString()))) {
            ctx.header("Content-Security-Policy", wrapperPolicy(ctx));
            ctx.contentType("text/html; charset=utf-8").result(wrapper(ref, origins.main(ctx)));
            return;
        }
        String answer = guarded(pointLibrariesHere(code.get(), origins.sandbox(ctx)));
        ctx.contentType("text/html; charset=utf-8").result(answer);
    }

    /**
     * Whether a request for an answer comes from a frame. Browsers say so in Sec-Fetch-Dest, which a
     * page cannot forge; only a browser too old to send it falls back to the flag our pages add.
     */
    static boolean framed(String fetchDest, String flag) {
        if (fetchDest == null || fetchDest.isBlank()) return "1".equals(flag);
        return fetchDest.equals("iframe") || fetchDest.equals("frame");
    }

    /** The framed=1 flag, read without decoding (a malformed query is only "no flag"). */
    static String flag(String query) {
        if (query == null) return null;
        for (String part : query.split("&")) if (part.equals("framed=1")) return "1";
        return null;
    }

    /** The answer with the guard as its first script and no srcdoc attribute left in its markup. */
    static String guarded(String html) {
        String safe = SRCDOC.matcher(html).replaceAll("data-srcdoc-removed");
        Matcher doctype = DOCTYPE.matcher(safe);
        int at = doctype.lookingAt() ? doctype.end() : 0;
        return safe.substring(0, at) + GUARD + safe.substring(at);
    }

    /** What a tab gets for /run/{ref}: a page without script that frames the answer, sandboxed as on the site. */
    static String wrapper(String ref, String mainOrigin) {
        String src = "/run/" + URLEncoder.encode(ref, StandardCharsets.UTF_8) + "?framed=1";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>An answer running live · AutoBench</title>
                <style>body{margin:0;font:15px/1.4 system-ui,sans-serif;background:#111827;color:#e5e7eb}
                p{margin:0;padding:.5rem 1rem}a{color:#93c5fd}
                iframe{display:block;border:0;width:100vw;height:calc(100vh - 2.5rem);background:#000}</style></head>
                <body><p>An answer running live in a sandboxed frame: it cannot reach the network, leave this frame or
                open windows. <a href="%s/">Back to AutoBench</a></p>
                <iframe src="%s" sandbox="allow-scripts allow-pointer-lock" referrerpolicy="no-referrer"
                 title="The answer running live"></iframe></body></html>
                """.formatted(Svg.esc(mainOrigin), Svg.esc(src));
    }

    private static String resource(String name) {
        try (InputStream in = SandboxSite.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " (is the jar complete?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer's library URLs pointed at this origin's copies. Absolute, unlike inside the library
     * files: a worker made from a blob URL resolves its imports against nothing else.
     */
    static String pointLibrariesHere(String html, String sandboxOrigin) {
        return Libraries.pointAt(html, sandboxOrigin);
    }

    /**
     * An allowed library, as the build left it for previews (its CDN URLs already point here): in
     * brotli or gzip where the client accepts it and the build made that form, else as it is; never
     * compressed here, so never twice. Library URLs name exact versions and the bytes never change
     * under them, so they are immutable, and revalidated by a tag per form.
     */
    void library(Context ctx) {
        String path = ctx.path().substring("/cdn/".length());
        String query = ctx.queryString();
        Optional<LibraryLookup.Served> lib = libraries.lookup("https://" + path + (query == null ? "" : "?" + query));
        if (lib.isEmpty()) {
            ctx.status(404).result("Not an allowed library URL.");
            return;
        }
        LibraryLookup.Served served = lib.get();
        Coding coding = Encodings.choose(
                ctx.header("Accept-Encoding"),
                served.br().isPresent(),
                served.gzip().isPresent());
        String etag = etag(served.tag(), coding);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("ETag", etag);
        // An answer's document has an opaque origin (sandboxed), so its module imports, web fonts and
        // <script crossorigin> fetch these in CORS mode with "Origin: null": public files, open to all.
        ctx.header("Access-Control-Allow-Origin", "*");
        if (notModified(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        byte[] body = switch (coding) {
            case BR -> served.br().orElseThrow().get();
            case GZIP -> served.gzip().orElseThrow().get();
            case IDENTITY -> served.body();
        };
        if (coding != Coding.IDENTITY) ctx.header("Content-Encoding", coding == Coding.BR ? "br" : "gzip");
        ctx.header("Content-Length", Integer.toString(body.length));
        ctx.contentType(served.contentType()).result(body);
    }

    /** A strong tag per form: the same bytes in every process, a different tag for each coding. */
    static String etag(String tag, Coding coding) {
        String base = tag.length() > 32 ? tag.substring(0, 32) : tag;
        return switch (coding) {
            case BR -> "\"" + base + "-br\"";
            case GZIP -> "\"" + base + "-gz\"";
            case IDENTITY -> "\"" + base + "\"";
        };
    }

    /** Whether If-None-Match names {@code etag} (or is "*"); a weak form of the tag matches too (RFC 9110 13.1.2). */
    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) return true;
        }
        return false;
    }
}
