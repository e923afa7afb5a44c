package autobench.web;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.render.ChromiumForTests;
import autobench.testing.FreePorts;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One arena with two published days (three demo models and one hostile answer from the test
 * corpus, all rendered by the real renderer) and the real site on free ports, shared by the web
 * tests in this JVM. A trap server stands for "the network": any request reaching it is counted,
 * and so is any UDP packet reaching the UDP trap (a STUN server as far as a preview knows).
 * Its answers are named at once ({@code reveal_after_days: 0}): these tests check pages, headers,
 * previews and the vote path, and look at today's answers by model; BlindBattlesTest checks the
 * blind default.
 */
final class WebFixture {
    /** Held by every class that uses {@link #shared()}: one site and its database, used by one class at a time. */
    static final String LOCK = "autobench.web.WebFixture.shared";

    private static WebFixture shared;

    final Path dir;
    final Assembly arena;
    final Site site;
    final String base;
    final String sandbox;
    final HttpServer trap;
    final AtomicInteger trapHits = new AtomicInteger();
    final DatagramSocket udpTrap;
    final AtomicInteger udpHits = new AtomicInteger();
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
            udpTrap = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            Thread.ofVirtual().start(this::countPackets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ports = FreePorts.distinct(2);
        int port = ports[0], sandboxPort = ports[1];
        String yaml = """
                database: "jdbc:sqlite:%s/web.db"
                zone: UTC
                tasks_per_day: 1
                render: {enabled: true, time_limit_seconds: 20, lanes: 1}
                web: {port: %d, sandbox_port: %d, cache_check_ms: 100}
                voting: {min_view_seconds: 0, reveal_after_days: 0}
                models:
                  - {id: demo-orbit, provider: demo, model: demo-orbit}
                  - {id: demo-grid, provider: demo, model: demo-grid}
                  - {id: demo-waves, provider: demo, model: demo-waves}
                  - {id: hostile, provider: demo, model: hostile}
                """.formatted(dir, port, sandboxPort);
        Config config = TestConfigs.load(dir, yaml, Map.of());
        base = "http://127.0.0.1:" + port;
        sandbox = "http://127.0.0.1:" + sandboxPort;
        String hostile = resource("hostile_preview.html")
                .replace("%MAIN%", base)
                .replace("%TRAP%", "http://127.0.0.1:" + trap.getAddress().getPort())
                .replace("%UDP%", String.valueOf(udpTrap.getLocalPort()));
        Provider hostileAnswer = p -> new Completion.Answered(
                "```html\n" + hostile + "\n```", "", Finish.STOP, new Usage(10, 10, 0), "hostile-1", "{}");
        arena = TestAssembly.of(config)
                .providers(Map.of("hostile", hostileAnswer))
                .build();
        arena.pipeline().dailyCycle().run(today.minusDays(1));
        arena.pipeline().dailyCycle().run(today);
        site = Serving.start(arena.website(), config.web(), "127.0.0.1");
    }

    private void countPackets() {
        byte[] buffer = new byte[2048];
        while (!udpTrap.isClosed()) {
            try {
                udpTrap.receive(new DatagramPacket(buffer, buffer.length));
                udpHits.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
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
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + path)).build(),
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
        for (JsonNode b : get("/api/v1/leaderboard").get("boards"))
            if (b.get("pool").asText().equals("demo")) return b.get("votes").asLong();
        return 0;
    }

    /** Battle and vote rows plus the tallies' and pair counters' sums: everything the vote path can add to. */
    long voteRows() {
        return arena.storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT (SELECT COUNT(*) FROM battles) + (SELECT COUNT(*) FROM votes)
                     + (SELECT COALESCE(SUM(votes), 0) FROM vote_tallies) + (SELECT COALESCE(SUM(votes), 0) FROM pair_counts)""").mapTo(Long.class).one());
    }

    void close() {
        site.close();
        arena.close();
        trap.stop(0);
        udpTrap.close();
    }
}
