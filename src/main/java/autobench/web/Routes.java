package autobench.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import autobench.web.Route.Answer;
import autobench.web.Route.Kind;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every path of both origins, in one table: what each is for, its handler, whether its answer is
 * cached, and which checked parameters it reads. Registration wraps every handler the same way: it
 * marks the request as routed (so the site's 404 page is only for paths no route names, and a
 * handler's own 404 is never replaced), answers a parameter value no handler can use with one 400
 * before the handler or the page cache sees it, and serves a cacheable route through the page cache
 * under the key the fast path computes too ({@link #key}).
 */
final class Routes {
    /** Set by the wrapper on every request a route takes; the 404 fallback looks for it. */
    private static final String ROUTED = "autobench.routed";
    /** A 400 may name a value nobody asked for before: it is neither cached here nor by a CDN. */
    static final String BAD_REQUEST_CACHE_CONTROL = "no-store";

    private final List<Route> all;
    private final Map<String, Route> cachedByPath = new HashMap<>();
    /** Cacheable routes with path parameters, their templates split once. */
    private final List<Template> cachedTemplates = new ArrayList<>();
    /** Each cacheable route's key parameters, listed once. */
    private final Map<Route, List<Param>> keyParameters = new IdentityHashMap<>();

    /** The literal start of the path (up to its first parameter) rules most routes out with one comparison. */
    private record Template(String prefix, String[] segments, Route route) {}

    private final Origins origins;

    Routes(List<Route> all, Origins origins) {
        this.all = List.copyOf(all);
        this.origins = origins;
        for (Route r : all) {
            if (!r.cacheable()) continue;
            keyParameters.put(r, Param.queryParams(r.reads()));
            if (r.pathParameters().isEmpty()) {
                cachedByPath.put(r.path(), r);
            } else {
                cachedTemplates.add(
                        new Template(r.path().split("[{<]", 2)[0], r.path().split("/", -1), r));
            }
        }
    }

    /** The table of the site: the main origin's routes in the order they are matched, then the sandbox's. */
    static Routes of(
            Origins origins,
            PageHandlers pages,
            BattleHandlers battles,
            ApiHandlers api,
            Assets assets,
            Feed feed,
            AdminHandlers admin,
            DataHandlers data,
            Operations ops,
            SandboxSite sandbox) {
        List<Route> t = new ArrayList<>();
        t.add(cached(Kind.PAGE, "/", Set.of(), pages::home));
        t.add(cached(Kind.PAGE, "/task/{id}", Set.of(Param.RUN), pages::task));
        t.add(cached(Kind.PAGE, "/answer/{id}/raw", Set.of(), pages::raw));
        t.add(cached(Kind.PAGE, "/answer/{id}/code", Set.of(), pages::code));
        t.add(direct(Kind.PAGE, GET, "/battle", Set.of(), battles::show));
        t.add(direct(Kind.PAGE, POST, "/battle/vote", Set.of(), battles::vote));
        t.add(direct(Kind.PAGE, GET, "/robots.txt", Set.of(), battles::robots));
        t.add(direct(Kind.PAGE, GET, "/my/votes", Set.of(), battles::mine)); // the visitor's own: never a shared entry
        t.add(cached(Kind.PAGE, "/leaderboard", Set.of(Param.CATEGORY, Param.FROM, Param.TO), pages::leaderboard));
        t.add(cached(Kind.PAGE, "/archive", Set.of(Param.PAGE), pages::archive));
        t.add(cached(Kind.PAGE, "/model/{id}", Set.of(), pages::model));
        t.add(direct(Kind.PAGE, GET, "/methodology", Set.of(), pages::methodology)); // a live counter: never cached
        t.add(direct(Kind.ASSET, GET, "/p/{ref}", Set.of(), battles::poster));
        t.add(direct(Kind.ASSET, GET, "/a/{sha}", Set.of(), assets::artifact));
        t.add(direct(Kind.ASSET, GET, "/static/{name}", Set.of(), assets::file));
        t.add(direct(Kind.ASSET, GET, "/favicon.ico", Set.of(), assets::favicon));

        t.add(cached(Kind.API, "/feed.atom", Set.of(), feed::atom));
        t.add(cached(Kind.API, "/api/v1/days", Set.of(), api::days));
        t.add(cached(Kind.API, "/api/v1/days/{day}", Set.of(Param.DAY), api::day));
        t.add(cached(Kind.API, "/api/v1/tasks/{id}", Set.of(), api::task));
        t.add(cached(Kind.API, "/api/v1/submissions/{id}", Set.of(), api::submission));
        t.add(cached(Kind.API, "/api/v1/models", Set.of(), api::models));
        t.add(cached(Kind.API, "/api/v1/models/{id}", Set.of(), api::model));
        t.add(cached(Kind.API, "/api/v1/leaderboard", Set.of(Param.CATEGORY, Param.FROM, Param.TO), api::leaderboard));
        t.add(cached(Kind.API, "/api/v1/votes.jsonl", Set.of(Param.POOL), api::votes));
        t.add(direct(Kind.API, GET, "/api/v1/stats", Set.of(), api::stats)); // live numbers: never cached
        t.add(cached(Kind.API, "/api/v1/openapi.json", Set.of(), api::openapi));

        t.add(direct(Kind.ADMIN, GET, "/admin", Set.of(Param.NOTICE), admin::dashboard));
        t.add(direct(Kind.ADMIN, GET, "/admin/audit", Set.of(Param.NOTICE), admin::audit));
        t.add(direct(Kind.ADMIN, GET, "/admin/integrity", Set.of(Param.NOTICE), admin::integrity));
        t.add(direct(
                Kind.ADMIN,
                POST,
                "/admin/login",
                Set.of(),
                admin::login)); // before /admin/{action}, which would take it
        t.add(direct(Kind.ADMIN, POST, "/admin/{action}", Set.of(), admin::action));

        t.add(direct(Kind.DATA, GET, "/data", Set.of(), data::page));
        t.add(direct(Kind.DATA, GET, "/data/files/<path>", Set.of(), data::file));

        t.add(direct(Kind.OPS, POST, "/api/cron/{stage}", Set.of(), ctx -> ops.trigger(ctx, origins)));
        t.add(direct(Kind.OPS, GET, "/api/cron/runs/{id}", Set.of(), ctx -> ops.request(ctx, origins)));
        t.add(direct(Kind.OPS, GET, "/healthz", Set.of(), ops::health));
        t.add(direct(Kind.OPS, GET, "/readyz", Set.of(), ops::readiness));
        t.add(direct(Kind.OPS, GET, "/metrics", Set.of(), ctx -> ops.metrics(ctx, origins)));

        t.addAll(sandbox(sandbox));
        return new Routes(t, origins);
    }

    /** The sandbox origin's routes: one answer's code to run, and the allowed libraries. */
    static List<Route> sandbox(SandboxSite s) {
        return List.of(
                direct(Kind.PREVIEW, GET, "/run/{ref}", Set.of(), s::run),
                direct(Kind.PREVIEW, GET, "/cdn/<path>", Set.of(), s::library));
    }

    private static Route cached(Kind kind, String path, Set<Param> reads, Route.Render render) {
        return new Route(kind, GET, path, reads, new Answer.Cached(render));
    }

    private static Route direct(Kind kind, HandlerType method, String path, Set<Param> reads, Handler handler) {
        return new Route(kind, method, path, reads, new Answer.Direct(handler));
    }

    List<Route> all() {
        return all;
    }

    /**
     * Registers the main origin's routes, each behind the one wrapper, with the answers for a busy
     * renderer (503) and for paths no route names (the site's 404 page).
     */
    void registerMain(RoutesConfig r, PageCache cache, Templates templates, PageHandlers pages) {
        for (Route route : all) {
            if (!route.kind().sandbox()) r.addHttpHandler(route.method(), route.path(), wrap(route, cache, templates));
        }
        r.exception(PageCache.Busy.class, (e, ctx) -> {
            ctx.header("Retry-After", "5").header("Cache-Control", "no-store");
            ctx.status(503).contentType("text/plain; charset=utf-8").result(e.getMessage() + "\n");
        });
        r.error(404, ctx -> {
            if (ctx.attribute(ROUTED) == null) {
                // Javalin has already put its own "Endpoint … not found" text in the result; the page is written
                // straight to the response, so that text would follow it (too much content, or a HEAD body).
                ctx.result("");
                pages.notFoundPage(ctx);
            }
        });
    }

    /** Registers the sandbox origin's routes; a path no route names gets a plain "Not found". */
    static void registerSandbox(RoutesConfig r, SandboxSite s) {
        for (Route route : sandbox(s)) {
            Handler h = ((Answer.Direct) route.answer()).handler();
            r.addHttpHandler(route.method(), route.path(), ctx -> {
                ctx.attribute(ROUTED, route);
                h.handle(ctx);
            });
        }
        r.error(404, ctx -> {
            if (ctx.attribute(ROUTED) == null) ctx.result("Not found");
        });
    }

    private Handler wrap(Route route, PageCache cache, Templates templates) {
        return ctx -> {
            ctx.attribute(ROUTED, route);
            String problem = Param.problem(route.reads(), ctx);
            if (problem != null) {
                Response r = route.kind() == Kind.API
                        ? ApiHandlers.error(400, problem)
                        : templates.page(400, "error", new Pages.Error(400, problem));
                PageCache.send(ctx, PageCache.once(r), BAD_REQUEST_CACHE_CONTROL);
                return;
            }
            switch (route.answer()) {
                case Answer.Cached c -> {
                    // The fast path's key, so that it finds what this stores; should Javalin take a path the
                    // table's matcher does not, the entry is keyed by this route alone and served from here.
                    String host = origins.host(ctx), key = key(host, ctx.path(), ctx.queryString());
                    if (key == null && cached(ctx.path()) == null)
                        key = key(route, host, ctx.path(), ctx.queryString());
                    if (key == null) { // a value that cannot be decoded: answered, never kept
                        cache.serveUnkept(ctx, () -> c.render().render(ctx));
                    } else {
                        cache.serve(ctx, key, () -> c.render().render(ctx));
                    }
                }
                case Answer.Direct d -> d.handler().handle(ctx);
            }
        };
    }

    /**
     * The page cache's key for a GET of the main origin, or null when no cacheable route names the
     * path or a value it reads is not in its canonical spelling ({@link PageCache#canonicalQuery}): the
     * path and the query parameters the route reads, plus the host when the origins come from the Host
     * header (pages then name it). The handlers and the fast path both ask this.
     */
    String key(String host, String path, String rawQuery) {
        Route r = cached(path);
        return r == null ? null : key(r, host, path, rawQuery);
    }

    private String key(Route r, String host, String path, String rawQuery) {
        String query = PageCache.canonicalQuery(keyParameters.get(r), rawQuery);
        return query == null ? null : (origins.fixed() ? "" : host + "|") + path + query;
    }

    /** The cacheable route that takes this path, or null. */
    Route cached(String path) {
        Route exact = cachedByPath.get(path);
        if (exact != null) return exact;
        if (path.length() > 1 && path.endsWith("/")) {
            exact = cachedByPath.get(path.substring(0, path.length() - 1));
            if (exact != null) return exact;
        }
        for (Template t : cachedTemplates) {
            if (path.startsWith(t.prefix()) && Route.matches(t.segments(), path)) return t.route();
        }
        return null;
    }
}
