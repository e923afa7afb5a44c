package autobench.web;

import autobench.config.Config;
import autobench.gallery.Gallery;
import autobench.ops.ExportShelf;
import autobench.vote.Battles;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The public website: the main origin (pages, API, feed, artifacts, votes) and the sandbox origin
 * (live previews), two Javalin servers in one process. It is given narrow collaborators only: the
 * gallery to read, the voting domain ({@code vote.Battles}) to issue battles and take votes, and a
 * counter of model calls that it shows but cannot change.
 */
public final class Site implements AutoCloseable {

    /**
     * @param modelCalls the process's count of provider calls made while serving a visitor's request
     *                   ({@link #servingVisitor()}); the site shows those since it started, which must stay 0
     * @param otherCalls the process's other provider calls (its scheduler and worker roles, cron triggers), shown apart
     * @param host       the interface to listen on (127.0.0.1 for local use, 0.0.0.0 behind a proxy)
     * @param operations the cron triggers, health and metrics endpoints
     * @param operator   the operator pages (off, answering 404, when it has no token)
     * @param exports    the exports offered on the download page
     */
    public record Parts(
            Gallery gallery,
            Battles battles,
            Keys keys,
            LibraryLookup libraries,
            Config.Web settings,
            String host,
            ZoneId zone,
            Clock clock,
            LongSupplier modelCalls,
            LongSupplier otherCalls,
            Operations operations,
            OperatorParts operator,
            ExportShelf exports,
            MeterRegistry meters) {}

    /** True while this thread serves a visitor's request: any page or API call but the cron triggers and /admin. */
    private static final ThreadLocal<Boolean> VISITOR = ThreadLocal.withInitial(() -> false);

    /** Whether the current thread is serving a visitor (the wiring counts provider calls made then apart). */
    public static boolean servingVisitor() {
        return VISITOR.get();
    }

    private final Javalin main;
    private final Javalin sandbox;
    private final Origins origins;
    private final Routes routes;
    private final PageCache cache;

    private Site(Javalin main, Javalin sandbox, Origins origins, Routes routes, PageCache cache) {
        this.main = main;
        this.sandbox = sandbox;
        this.origins = origins;
        this.routes = routes;
        this.cache = cache;
    }

    /** Starts both servers; ports of 0 pick free ones (see {@link #port()} and {@link #sandboxPort()}). */
    public static Site start(Parts p) {
        Config.Web w = p.settings();
        Origins origins = new Origins(w.publicOrigin(), w.sandboxOrigin(), w.trustForwardedFor());
        long baseline = p.modelCalls().getAsLong();
        LongSupplier sinceStart = () -> p.modelCalls().getAsLong() - baseline;
        long otherBaseline = p.otherCalls().getAsLong();
        LongSupplier otherSinceStart = () -> p.otherCalls().getAsLong() - otherBaseline;
        DataVersion version =
                new DataVersion(p.gallery()::dataVersion, p.clock()::millis, w.cache() ? w.cacheCheckMillis() : 0);
        PageCache cache =
                new PageCache(version, w.cache(), PageCache.RENDER_WAIT_MILLIS, p.meters(), PageCache.MAX_BYTES);
        Templates templates = new Templates();
        PageHandlers pages =
                new PageHandlers(p.gallery(), templates, origins, p.clock(), p.zone(), sinceStart, otherSinceStart);
        BattleHandlers battles = new BattleHandlers(
                p.gallery(), p.battles(), new Visitors(origins), p.keys(), templates, origins, version, p.meters());
        ApiHandlers api = new ApiHandlers(p.gallery(), sinceStart, otherSinceStart);
        Assets assets = new Assets(p.gallery());
        Feed feed = new Feed(p.gallery(), origins);
        AdminHandlers admin = new AdminHandlers(p.operator(), templates, origins, version::changed);
        DataHandlers data = new DataHandlers(p.exports(), templates);
        SandboxSite sandboxSite = new SandboxSite(p.gallery(), p.keys(), p.libraries(), origins);
        Routes routes = Routes.of(origins, pages, battles, api, assets, feed, admin, data, p.operations(), sandboxSite);
        Javalin sandbox = sandboxSite.create(p.host());
        Javalin main = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = p.host();
            // Cached answers are compressed once, when cached; nothing is compressed per request.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.routes.before(ctx -> {
                VISITOR.set(!ctx.path().startsWith("/api/cron/") && !ctx.path().startsWith("/admin"));
                headers(ctx, origins);
            });
            config.routes.after(ctx -> VISITOR.remove());
            // Current cached answers leave from Jetty directly; Javalin attaches its servlet inside this wrapper.
            config.jetty.modifyServer(
                    server -> server.setHandler(new FastPath(cache, routes, origins, battles::posterIfKnown)));
            // One selector per core (Jetty's default is one per two): the fast path writes cached answers on the
            // selector's own thread, like one event loop per core. bench/web.sh on 2 cores, /leaderboard: one selector
            // 75,000 r/s, two 95,000, three or four no more (docs/web.md, "Speed").
            config.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server, -1, SELECTORS, new HttpConnectionFactory(http));
                c.setHost(p.host());
                c.setPort(w.port());
                return c;
            });
            routes.registerMain(config.routes, cache, templates, pages);
        });
        sandbox.start(w.sandboxPort());
        origins.sandboxPort = sandbox.port();
        try {
            main.start(w.port());
        } catch (RuntimeException e) {
            sandbox.stop();
            throw e;
        }
        origins.port = main.port();
        return new Site(main, sandbox, origins, routes, cache);
    }

    private static void headers(Context ctx, Origins origins) {
        ctx.header("Content-Security-Policy", origins.mainPolicy(ctx));
        for (String[] h : FIXED_HEADERS) ctx.header(h[0], h[1]);
    }

    private static final int SELECTORS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** The main origin's headers besides its policy; the fast path sends the same. */
    static final String[][] FIXED_HEADERS = {
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "strict-origin-when-cross-origin"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), usb=(), payment=()"}
    };

    /** How the main origin's server runs a request it has read: non-blocking, with the fast path in front (tests). */
    Invocable.InvocationType invocationType() {
        return main.jettyServer().server().getInvocationType();
    }

    /** Battle posters the fast path answered (tests). */
    long fastPathPosters() {
        return ((FastPath) main.jettyServer().server().getHandler()).postersSent();
    }

    /** The main origin's selector threads (tests). */
    int selectors() {
        return ((ServerConnector) main.jettyServer().server().getConnectors()[0])
                .getSelectorManager()
                .getSelectorCount();
    }

    /** Every path of both origins (for the tests that walk them). */
    Routes routes() {
        return routes;
    }

    PageCache cache() {
        return cache;
    }

    public int port() {
        return origins.port;
    }

    public int sandboxPort() {
        return origins.sandboxPort;
    }

    @Override
    public void close() {
        main.stop();
        sandbox.stop();
    }
}
