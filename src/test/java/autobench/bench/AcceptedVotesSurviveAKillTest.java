package autobench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.testing.FreePorts;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vote the server answered as counted is on disk before the answer leaves: a {@code serve} process on
 * SQLite (WAL, synchronous=NORMAL) killed with SIGKILL while 20 visitors vote loses none of them. What
 * a power cut can lose is another matter (docs/reliability.md); a process crash loses nothing.
 */
@Tag("slow")
class AcceptedVotesSurviveAKillTest {
    @TempDir
    Path tmp;

    Process server;

    @AfterEach
    void stop() {
        if (server != null) server.destroyForcibly();
    }

    @Test
    void every_vote_answered_as_counted_is_stored_after_the_server_is_killed_mid_stream() throws Exception {
        int[] ports = FreePorts.distinct(2);
        int port = ports[0], sandboxPort = ports[1];
        String yaml = """
                database: "jdbc:sqlite:%s/votes.db"
                zone: UTC
                tasks_per_day: 2
                render: {enabled: false}
                web: {port: %d, sandbox_port: %d, trust_forwarded_for: true}
                voting: {min_view_seconds: 0}
                models:
                  - {id: demo-orbit, provider: demo, model: demo-orbit}
                  - {id: demo-grid, provider: demo, model: demo-grid}
                  - {id: demo-waves, provider: demo, model: demo-waves}
                """.formatted(tmp, port, sandboxPort);
        Config config = TestConfigs.load(tmp, yaml, Map.of());
        String jdbc = config.database();
        try (Assembly arena = TestAssembly.of(config).build()) {
            arena.pipeline().dailyCycle().run(LocalDate.now(ZoneOffset.UTC));
            // What the render stage would do (it is off here): every answer rendered, the tasks published.
            arena.storage().database().jdbi().useHandle(h -> {
                h.execute("""
                        INSERT INTO render_results (submission_id, status, result, seed, attempts, created_at, updated_at)
                        SELECT id, 'done', 'ok', 0, 1, 0, 0 FROM submissions WHERE status = 'succeeded'""");
                h.execute("UPDATE tasks SET status = 'published' WHERE status = 'dispatched'");
            });
        }
        Path cfg = Files.writeString(tmp.resolve("autobench.yaml"), yaml);
        server = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "autobench.cli.App",
                        "serve",
                        "--roles",
                        "web",
                        "--config",
                        cfg.toString()))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        awaitUp(http, base);

        VotingClient.Tally tally = new VotingClient.Tally();
        VotingClient client = new VotingClient(http, base, tally);
        Thread voters = Thread.ofPlatform().start(() -> {
            try {
                client.run(20, Duration.ofSeconds(12), 7);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (tally.accepted.get() < 100 && System.nanoTime() < until) Thread.sleep(20);
        server.destroyForcibly(); // SIGKILL while votes are in flight: no shutdown hook, no checkpoint, no close
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        voters.join();

        assertThat(tally.accepted.get())
                .as("votes answered as counted before the kill; log:\n%s", Files.readString(tmp.resolve("serve.log")))
                .isGreaterThanOrEqualTo(100);
        assertThat(tally.transportErrors.get())
                .as("the visitors were still voting when the server died")
                .isPositive();
        try (Connection db = DriverManager.getConnection(jdbc);
                PreparedStatement s = db.prepareStatement("SELECT COUNT(*) FROM votes WHERE visitor = ?")) {
            long stored = 0;
            for (var e : tally.acceptedByVisitor.entrySet()) {
                s.setString(1, e.getKey());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1))
                            .as("visitor %s: stored votes, at least those answered as counted", e.getKey())
                            .isBetween(e.getValue(), e.getValue() + 1); // one more if its vote was cut mid-answer
                    stored += rs.getLong(1);
                }
            }
            assertThat(stored).isGreaterThanOrEqualTo(tally.accepted.get());
        }
    }

    private static void awaitUp(HttpClient http, String base) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not answer /healthz within 90 s");
    }
}
