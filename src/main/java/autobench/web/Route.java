package autobench.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One path of one origin, as the table in {@link Routes} lists it.
 *
 * @param kind   what the path is for: it decides the origin and the form of a 400 (JSON for the API, a page otherwise)
 * @param method GET or POST; a GET answers HEAD too, with the GET's headers and no body
 * @param path   in Javalin's syntax: {@code {name}} is one path segment, {@code <name>} the rest of the path
 * @param reads  the checked parameters the handler reads; a value it cannot use is answered 400 before the handler
 *               runs (and so before the page cache). The cache key keeps these query parameters and no others.
 * @param answer how the route answers: through the page cache, or by writing its own response
 */
record Route(Kind kind, HandlerType method, String path, Set<Param> reads, Answer answer) {

    Route {
        reads = Set.copyOf(reads);
        if (answer instanceof Answer.Cached && method != HandlerType.GET)
            throw new IllegalArgumentException("only a GET is cached: " + path);
    }

    /** What a path is for. */
    enum Kind {
        /** An HTML page for visitors. */
        PAGE,
        /** The public read API and the feed, described in openapi.json; errors are JSON. */
        API,
        /** Static files, artifacts and battle posters. */
        ASSET,
        /** The operator pages; never cached. */
        ADMIN,
        /** The open-data download page and its files. */
        DATA,
        /** Cron triggers, health and metrics, for machines. */
        OPS,
        /** The sandbox origin's previews and libraries. */
        PREVIEW;

        boolean sandbox() {
            return this == PREVIEW;
        }
    }

    /** How a route answers. */
    sealed interface Answer {
        /**
         * Renders a response that the page cache keeps (with its ETag and compressed forms) while the
         * data version is unchanged, and that the fast path serves while it is current.
         */
        record Cached(Render render) implements Answer {}

        /** Writes its own response: per visitor or operator, a stream, a form post, a live number. */
        record Direct(Handler handler) implements Answer {}
    }

    /** Renders a cacheable answer; it may read the request but never writes to it. */
    @FunctionalInterface
    interface Render {
        Response render(Context ctx);
    }

    boolean cacheable() {
        return answer instanceof Answer.Cached;
    }

    /** The query parameters of {@link #reads} in their fixed order: the cache key's parameters. */
    List<String> queryParameters() {
        return Param.inQuery(reads);
    }

    /** The {@code {name}} parameters of the path, in order. */
    List<String> pathParameters() {
        return Arrays.stream(path.split("/"))
                .filter(s -> s.startsWith("{") || s.startsWith("<"))
                .map(s -> s.substring(1, s.length() - 1))
                .toList();
    }

    /**
     * Whether a request path names this route, by the rules Javalin matches with: {@code {x}} is one
     * non-empty segment, {@code <x>} one or more, and a trailing slash is ignored.
     */
    boolean matches(String requestPath) {
        return matches(path.split("/", -1), requestPath);
    }

    /**
     * Whether {@code requestPath} fits the template split at its slashes, read in place: the fast path
     * asks this for every request, so it allocates nothing.
     */
    static boolean matches(String[] template, String requestPath) {
        int end = requestPath.length();
        if (end > 1 && requestPath.charAt(end - 1) == '/') end--;
        int start = 0;
        for (String want : template) {
            if (start > end) return false;
            int stop = requestPath.indexOf('/', start);
            if (stop < 0 || stop > end) stop = end;
            if (want.startsWith("<")) return stop > start;
            if (want.startsWith("{")) {
                if (stop == start) return false;
            } else if (stop - start != want.length() || !requestPath.regionMatches(start, want, 0, want.length())) {
                return false;
            }
            start = stop + 1;
        }
        return start > end;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
