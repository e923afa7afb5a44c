package autobench.render;

import autobench.runtime.Libraries.Library;
import autobench.runtime.Libraries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the well-known CDN URLs of the allowed libraries from the copies bundled at build time.
 *
 * <p>Public so the live-preview sandbox can serve the same bytes for the same URLs. A URL matches
 * only exactly (scheme, host, path); the query string and fragment are ignored because models
 * sometimes add cache busters. Everything else is empty: the caller must then fail the request.
 */
public final class LibraryRoutes {
    /** The bytes to answer with and their content type. */
    public record Served(byte[] body, String contentType) {}

    private final Map<String, Library> byUrl = new HashMap<>();
    private final Map<Library, byte[]> loaded = new HashMap<>();

    private LibraryRoutes() {
        for (Library lib : Libraries.ALL) for (String url : lib.urls()) byUrl.put(url, lib);
    }

    /** The routes for {@link Libraries#ALL}; fails if the build did not bundle one of them. */
    public static LibraryRoutes bundled() {
        LibraryRoutes routes = new LibraryRoutes();
        for (Library lib : Libraries.ALL) routes.loaded.put(lib, load(lib));
        return routes;
    }

    /** The local copy for {@code url}, or empty if the URL is not an allowed library URL. */
    public Optional<Served> lookup(String url) {
        Library lib = byUrl.get(strip(url));
        if (lib == null) return Optional.empty();
        return Optional.of(new Served(loaded.get(lib), contentType(lib.file())));
    }

    static String resourcePath(Library lib) {
        return "autobench/render/libs/" + lib.npmPackage() + "@" + lib.version() + "/" + lib.file();
    }

    private static String strip(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        if (q >= 0) cut = Math.min(cut, q);
        if (h >= 0) cut = Math.min(cut, h);
        return url.substring(0, cut);
    }

    private static String contentType(String file) {
        if (file.endsWith(".js") || file.endsWith(".mjs")) return "application/javascript; charset=utf-8";
        if (file.endsWith(".css")) return "text/css; charset=utf-8";
        return "application/octet-stream";
    }

    private static byte[] load(Library lib) {
        String path = resourcePath(lib);
        try (InputStream in = LibraryRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("library " + lib.name() + " is not bundled (missing resource " + path
                        + "); build with ./mvnw package, which fetches it from the npm registry");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
