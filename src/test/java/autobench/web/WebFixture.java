package autobench.web;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.dispatch.Sleeper;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.render.ChromiumForTests;
import autobench.testing.TestConfigs;
import autobench.wiring.Arena;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One arena with two published days (three demo models and one hostile answer from the test
 * corpus, all rendered by the real renderer) and the real site on free ports, shared by the web
 * tests in this JVM. A trap server stands for "the network": any request reaching it is counted.
 * Its answers are named at once ({@code reveal_after_days: 0}): these tests check pages, headers,
 * previews and the vote path, and look at today's answers by model; BlindBattlesTest checks the
 * blind default.
 */
final class WebFixture {
    private static WebFixture shared;

    final Path dir;
    final Arena arena;
    final Site site;
    final String base;
    final String sandbox;
    final HttpServer trap;
    final AtomicInteger trapHits = new AtomicInteger();
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    static synchronized WebFixture shared() {
        if (shared == null) {
            ChromiumForTests.require();
            shared = new WebFixture();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private WebFixture() {
        try {
            dir = Files.createTempDirectory("autobench-web");
            trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            trap.createContext("/", ex -> {
                trapHits.incrementAndGet();
                ex.sendResponseHeaders(204, -1);
                ex.close();
            });
            trap.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort(), sandboxPort = freePort();
        String yaml = """
                database: "jdbc:sqlite:%s/web.db"
                zone: UTC
                tasks_per_day: 1
                render: {enabled: true, time_limit_seconds: 20, lanes: 1}
                web: {port: %d, sandbox_port: %d, cache_check_ms: 100}
                voting: {reveal_after_days: 0}
                models:
                  - {id: demo-orbit, provider: demo, model: demo-orbit}
                  - {id: demo-grid, provider: demo, model: demo-grid}
                  - {id: demo-waves, provider: demo, model: demo-waves}
                  - {id: hostile, provider: demo, model: hostile}
                """.formatted(dir, port, sandboxPort);
        Config config = TestConfigs.load(dir, yaml, Map.of());
        base = "http://127.0.0.1:" + port;
        sandbox = "http://127.0.0.1:" + sandboxPort;
        String hostile = resource("hostile_preview.html").replace("%MAIN%", base)
                .replace("%TRAP%", "http://127.0.0.1:" + trap.getAddress().getPort());
        Provider hostileAnswer = p -> new Completion.Answered("```html\n" + hostile + "\n```", "", Finish.STOP, new Usage(10, 10, 0), "hostile-1", "{}");
        arena = new Arena(config, k -> null, Clock.systemUTC(), Sleeper.REAL, l -> {}, Map.of("hostile", hostileAnswer));
        arena.dailyCycle().run(today.minusDays(1));
        arena.dailyCycle().run(today);
        site = Serving.start(arena, config.web(), "127.0.0.1");
    }

    static String resource(String name) {
        try (InputStream in = WebFixture.class.getResourceAsStream("/autobench/web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String firstTaskId() {
        return get("/api/v1/days/" + today).get("tasks").get(0).get("id").asText();
    }

    /** Votes on the demo models' leaderboard, as the API reports them. */
    long demoVotes() {
        for (JsonNode b : get("/api/v1/leaderboard").get("boards")) if (b.get("pool").asText().equals("demo")) return b.get("votes").asLong();
        return 0;
    }

    void close() {
        site.close();
        arena.close();
        trap.stop(0);
    }
}
