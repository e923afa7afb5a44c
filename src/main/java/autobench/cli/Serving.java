package autobench.cli;

import autobench.config.Config;
import autobench.web.Site;
import autobench.wiring.Website;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;

/** Starts the website of a process with the web role: used by serve, demo and the browser tests. */
public final class Serving {
    private Serving() {}

    /** Starts both origins with these listening settings (ports, cache) on this interface. */
    public static Site start(Website website, Config.Web web, String host) {
        try {
            return Site.start(website.siteParts(web, host));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalStateException(
                            "cannot listen on " + host + " port " + web.port() + " or " + web.sandboxPort() + " ("
                                    + t.getMessage() + "); choose others with --port and --sandbox-port");
                }
            }
            throw e;
        }
    }

    static void printUrls(Site site, String host) {
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        System.out.println();
        System.out.println("  AutoBench is serving at   http://" + shown + ":" + site.port() + "/");
        System.out.println(
                "  live previews come from   http://" + shown + ":" + site.sandboxPort() + "/  (sandbox origin)");
    }

    /** Prints where the site is and blocks until the process is stopped (Ctrl-C). */
    static void serveUntilStopped(Site site, String host) throws InterruptedException {
        printUrls(site, host);
        System.out.println("  Press Ctrl-C to stop.");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            site.close();
                            stopped.countDown();
                        },
                        "autobench-web-stop"));
        stopped.await();
    }
}
