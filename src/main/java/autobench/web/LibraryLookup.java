package autobench.web;

import java.util.Optional;

/**
 * The one call through which the sandbox finds an allowed library: a CDN URL in, the bundled
 * bytes out, empty for anything not allowed. Today backed by {@code render.LibraryRoutes}; the
 * generalised library resolver can replace it without touching the sandbox.
 */
@FunctionalInterface
public interface LibraryLookup {
    /** The bytes and content type to answer {@code url} with. */
    record Served(byte[] body, String contentType) {}

    Optional<Served> lookup(String url);
}
