package autobench.web;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one call through which the sandbox finds an allowed library: a CDN URL in, the bundled
 * bytes out (in the form previews run them, with their precompressed forms), empty for anything
 * not allowed. Backed by {@code render.PreviewLibraries} (over {@code render.LibraryRoutes}); the
 * generalised library resolver can replace it without touching the sandbox.
 */
@FunctionalInterface
public interface LibraryLookup {
    /**
     * The bytes and content type to answer {@code url} with.
     *
     * @param tag  a strong validator of {@code body} (its hash), the same in every process
     * @param gzip the body's gzip form, made at build time, if there is one
     * @param br   the body's brotli form, made at build time, if there is one
     */
    record Served(
            byte[] body,
            String contentType,
            String tag,
            Optional<Supplier<byte[]>> gzip,
            Optional<Supplier<byte[]>> br) {}

    Optional<Served> lookup(String url);
}
