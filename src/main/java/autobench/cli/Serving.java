package autobench.cli;

import autobench.config.Config;
import autobench.gallery.Gallery;
import autobench.render.LibraryRoutes;
import autobench.ops.CronGate;
import autobench.web.Keys;
import autobench.web.Operations;
import autobench.web.LibraryLookup;
import autobench.web.Site;
import autobench.wiring.Arena;
import java.nio.charset.StandardCharsets;

/** Starts the website for an arena: the one place the site is wired, used by serve, demo and the browser tests. */
public final class Serving {
    private Serving() {}

    public static Site start(Arena arena, Config.Web web, String host) {
        Gallery gallery = arena.gallery();
        Keys keys;
        if (web.secretEnv() == null) {
            keys = Keys.random();
            if (arena.config().database().startsWith("jdbc:postgresql:")) {
                // Several web processes on one database each sign with their own key unless told otherwise.
                org.slf4j.LoggerFactory.getLogger(Serving.class).warn("web.secret_env is not set: this process signs battle tokens with a key of its own, "
                        + "so a vote that reaches another web process is refused. With more than one web process, set web.secret_env "
                        + "to a variable holding the same key everywhere (docs/operations.md, \"Many instances\").");
            }
        } else {
            keys = new Keys(System.getenv(web.secretEnv()).getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Site.start(new Site.Parts(gallery, arena.battles(),
                    keys, libraries(), web, host, arena.config().zone(), arena.clock(), arena::visitorCalls, arena::otherCalls, operations(arena),
                    new autobench.web.OperatorParts(arena.adminSessions(), arena.operator(), arena.integrity(), arena::today),
                    arena.exportShelf(), arena.meters()));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) {
                    throw new IllegalStateException("cannot listen on " + host + " port " + web.port() + " or " + web.sandboxPort()
                            + " (" + t.getMessage() + "); choose others with --port and --sandbox-port");
                }
            }
            throw e;
        }
    }

    /** The cron triggers, health and metrics: the secret is read from the variable the config names, never logged. */
    static Operations operations(Arena arena) {
        CronGate gate = new CronGate(arena.cronSecret(), arena.clock());
        return new Operations(gate, arena.stageRunner(), arena.stageRuns(), arena::today, arena::databaseAnswers,
                arena.meters()::scrape);
    }

    /** The sandbox serves the renderer's bundled copies of the allowed libraries, for the same URLs. */
    static LibraryLookup libraries() {
        LibraryRoutes routes = LibraryRoutes.bundled();
        return url -> routes.resolve(url) instanceof LibraryRoutes.Resolution.Served s
                ? java.util.Optional.of(new LibraryLookup.Served(s.body(), s.contentType())) : java.util.Optional.empty();
    }

    static void printUrls(Site site, String host) {
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        System.out.println();
        System.out.println("  AutoBench is serving at   http://" + shown + ":" + site.port() + "/");
        System.out.println("  live previews come from   http://" + shown + ":" + site.sandboxPort() + "/  (sandbox origin)");
    }

    /** Prints where the site is and blocks until the process is stopped (Ctrl-C). */
    static void serveUntilStopped(Site site, String host) throws InterruptedException {
        printUrls(site, host);
        System.out.println("  Press Ctrl-C to stop.");
        System.out.flush();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            site.close();
            stopped.countDown();
        }, "autobench-web-stop"));
        stopped.await();
    }
}
