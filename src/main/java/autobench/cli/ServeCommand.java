package autobench.cli;

import autobench.config.Config;
import autobench.web.Site;
import autobench.wiring.Arena;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the website (pages, JSON API, feed, battles) and the live-preview sandbox origin. Visitors never cause a model call.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--port", paramLabel = "P", description = "Port of the site (default: web.port, 8080).")
    Integer port;

    @Option(names = "--sandbox-port", paramLabel = "Q", description = "Port of the live-preview origin (default: web.sandbox_port, 8081).")
    Integer sandboxPort;

    @Option(names = "--host", paramLabel = "ADDR", description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host = "127.0.0.1";

    @Option(names = "--no-cache", description = "Render every request afresh (for measuring what the cache buys).")
    boolean noCache;

    @Override
    public Integer call() throws InterruptedException {
        Config c = config.load(false);
        Config.Web web = web(c.web(), port, sandboxPort, noCache);
        Arena arena = Arena.open(c);
        Site site = Serving.start(arena, web, host);
        Runtime.getRuntime().addShutdownHook(new Thread(arena::close, "autobench-db-close"));
        Serving.serveUntilStopped(site, host);
        return 0;
    }

    static Config.Web web(Config.Web w, Integer port, Integer sandboxPort, boolean noCache) {
        Config.Web out = w.withPorts(port == null ? w.port() : port, sandboxPort == null ? w.sandboxPort() : sandboxPort);
        if (out.port() != 0 && out.port() == out.sandboxPort()) {
            throw new IllegalArgumentException("--sandbox-port must differ from --port: previews need their own origin");
        }
        return noCache ? out.withCache(false) : out;
    }
}
