package autobench.cli;

import autobench.config.Config;
import autobench.cycle.Scheduler;
import autobench.cycle.Stage;
import autobench.web.Site;
import autobench.wiring.Assembly;
import autobench.wiring.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description =
                "Serve the website (pages, JSON API, feed, battles) and the live-preview sandbox origin. Visitors never cause a model call; a web-only process hands operators' re-sends and cron runs to the workers.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--port", paramLabel = "P", description = "Port of the site (default: web.port, 8080).")
    Integer port;

    @Option(
            names = "--sandbox-port",
            paramLabel = "Q",
            description = "Port of the live-preview origin (default: web.sandbox_port, 8081).")
    Integer sandboxPort;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host = "127.0.0.1";

    @Option(names = "--no-cache", description = "Render every request afresh (for measuring what the cache buys).")
    boolean noCache;

    @Option(
            names = "--roles",
            split = ",",
            paramLabel = "ROLE[,ROLE…]",
            description =
                    "What this process does: web, scheduler, worker (default: all three). Any number of processes may have any role.")
    Set<Role> roles = EnumSet.allOf(Role.class);

    @Override
    public Integer call() throws InterruptedException {
        Config loaded = config.load(roles.contains(Role.worker));
        Config.Web web = web(loaded.web(), port, sandboxPort, noCache);
        Config c = loaded.withWeb(web);
        Assembly process = Assembly.assemble(roles, c);
        Site site = roles.contains(Role.web) ? Serving.start(process.website(), web, host) : null;
        Set<Stage> stages = Role.stages(roles);
        Scheduler scheduler = process.hasPipeline() ? process.pipeline().scheduler() : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread schedulerThread = scheduler == null
                ? null
                : Thread.ofPlatform().name("scheduler").daemon().unstarted(scheduler::runUntilStopped);
        try (GracefulStop stop = GracefulStop.install(() -> {
            process.stop();
            // The stage that was running records how it ended (stopped) before the database closes;
            // closing under it would leave the run 'running' until its lease ran out.
            if (schedulerThread != null)
                joinQuietly(schedulerThread, Duration.ofSeconds(c.render().timeLimitSeconds() + 15L));
            if (site != null) site.close();
            stopped.countDown();
        })) {
            if (schedulerThread != null) schedulerThread.start();
            if (site != null) Serving.printUrls(site, host);
            System.out.println("  Roles: " + roles + (scheduler == null ? "" : "; stages run here when due: " + stages)
                    + ". Ctrl-C or SIGTERM stops gracefully.");
            System.out.flush();
            stopped.await();
            process.close();
            return stop.exitCode();
        }
    }

    private static void joinQuietly(Thread t, Duration max) {
        try {
            t.join(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Config.Web web(Config.Web w, Integer port, Integer sandboxPort, boolean noCache) {
        Config.Web out =
                w.withPorts(port == null ? w.port() : port, sandboxPort == null ? w.sandboxPort() : sandboxPort);
        if (out.port() != 0 && out.port() == out.sandboxPort()) {
            throw new IllegalArgumentException(
                    "--sandbox-port must differ from --port: previews need their own origin");
        }
        return noCache ? out.withCache(false) : out;
    }
}
