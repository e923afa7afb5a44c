package autobench.web;

import autobench.gallery.Gallery;
import autobench.gallery.Texts;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preview origin: serves model code to run live, and the allowed libraries, nothing else.
 * Every response is sandboxed by CSP (scripts, pointer lock; never same-origin, so the code gets
 * an opaque origin: no cookies, no storage shared with anything) and may connect nowhere. Library
 * CDN URLs in the code are pointed at this origin's local copies; the CSP lets scripts come only
 * from those copies and inline code, so any other URL fails in the visitor's browser too.
 */
final class SandboxSite {
    /** The hosts models load libraries from (render.LibraryUrl knows each one's URL shapes). */
    private static final Pattern CDN = Pattern.compile("(?:https?:)?//(cdn\\.jsdelivr\\.net|unpkg\\.com|esm\\.sh|cdn\\.skypack\\.dev"
            + "|cdnjs\\.cloudflare\\.com|d3js\\.org|threejs\\.org|pixijs\\.download|cdn\\.tailwindcss\\.com)/");
    /** Module facades and re-exports import their library by its canonical URL; those are small and rewritten too. */
    private static final int REWRITE_BELOW = 64 * 1024;
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
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            config.routes.before(this::headers);
            Routes.registerSandbox(config.routes, this);
        });
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", policy(ctx));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), usb=(), payment=(), display-capture=()");
    }

    String policy(Context ctx) {
        String self = origins.sandbox(ctx);
        return "sandbox allow-scripts allow-pointer-lock; default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' " + self + "/cdn/"
                + "; style-src 'unsafe-inline'; img-src data: blob:; media-src data: blob:; font-src data:; worker-src blob:"
                + "; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'"
                + "; frame-ancestors " + origins.main(ctx);
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
        ctx.contentType("text/html; charset=utf-8").result(pointLibrariesHere(code.get(), origins.sandbox(ctx)));
    }

    static String pointLibrariesHere(String html, String sandboxOrigin) {
        Matcher m = CDN.matcher(html);
        return m.replaceAll(r -> Matcher.quoteReplacement(sandboxOrigin + "/cdn/" + r.group(1) + "/"));
    }

    void library(Context ctx) {
        String path = ctx.path().substring("/cdn/".length());
        String query = ctx.queryString();
        Optional<LibraryLookup.Served> lib = libraries.lookup("https://" + path + (query == null ? "" : "?" + query));
        if (lib.isEmpty()) {
            ctx.status(404).result("Not an allowed library URL.");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        byte[] body = lib.get().body();
        if (body.length < REWRITE_BELOW && lib.get().contentType().contains("javascript")) {
            body = pointLibrariesHere(new String(body, java.nio.charset.StandardCharsets.UTF_8), origins.sandbox(ctx))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ctx.contentType(lib.get().contentType()).result(body);
    }

}
