package autobench.bench;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.testing.TestAssembly;
import autobench.web.Site;
import autobench.wiring.Assembly;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The battle page and the vote over HTTP, at no past battles and again after 100,000 past battles
 * with their votes (issue 22: choosing a battle must not read past battles). One SQLite arena of
 * demo answers, the web in this process, one client asking in sequence, so the figures are the
 * server's time per request plus loopback. Usage: [PAST_VOTES] (default 100000). Prints one line
 * per phase: requests, mean, p50, p99 for GET /battle and for POST /battle/vote.
 */
public final class BattlePageTime {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]*)\"");
    private static final int WARM_UP = 1_500, MEASURED = 3_000;

    private BattlePageTime() {}

    public static void main(String[] args) throws Exception {
        int past = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("battle-page");
        int port, sandbox;
        try (ServerSocket a = new ServerSocket(0);
                ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            sandbox = b.getLocalPort();
        }
        Map<String, String> env = Map.of(
                "AUTOBENCH_RENDER_ENABLED",
                "false",
                "AUTOBENCH_VOTING_MIN_VIEW_SECONDS",
                "0",
                "AUTOBENCH_VOTING_NETWORK_CAP_PER_DAY",
                "10000000",
                "AUTOBENCH_VOTING_VISITOR_CAP_PER_DAY",
                "1000000");
        Config c = new ConfigLoader(env).load(null, true).withDatabase("jdbc:sqlite:" + dir.resolve("bench.db"));
        c = c.withWeb(c.web().withPorts(port, sandbox));
        LocalDate today = LocalDate.now(c.zone());
        try (Assembly arena = TestAssembly.build(c)) {
            for (int d = 4; d >= 0; d--) arena.pipeline().dailyCycle().run(today.minusDays(d));
            arena.storage().database().jdbi().useHandle(h -> {
                h.execute("""
                        INSERT INTO render_results (submission_id, status, result, seed, attempts, created_at, updated_at)
                        SELECT id, 'done', 'ok', 0, 1, 0, 0 FROM submissions WHERE status = 'succeeded'
                        ON CONFLICT (submission_id) DO NOTHING""");
                h.execute("UPDATE tasks SET status = 'published' WHERE status = 'dispatched'");
            });
            Site site = Serving.start(arena.website(), c.web(), "127.0.0.1");
            try {
                String base = "http://127.0.0.1:" + port;
                measure(base, "0 past votes");
                long t0 = System.nanoTime();
                addPastVotes(arena, past);
                System.out.printf(
                        "(inserted %,d past battles and votes in %.1f s)%n", past, (System.nanoTime() - t0) / 1e9);
                measure(base, String.format("%,d past votes", past + WARM_UP + MEASURED));
            } finally {
                site.close();
            }
        }
    }

    private static void measure(String base, String label) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long[] battle = new long[MEASURED], vote = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            String cookie = "ab_visitor=" + visitor(i);
            long t = System.nanoTime();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/battle"))
                            .header("Cookie", cookie)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long shown = System.nanoTime() - t;
            Matcher m = TOKEN.matcher(page.body());
            if (page.statusCode() != 200 || !m.find())
                throw new IllegalStateException("no battle: " + page.statusCode());
            t = System.nanoTime();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/battle/vote"))
                            .header("Cookie", cookie)
                            .header("Origin", base)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("token=" + m.group(1) + "&choice=left"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long voted = System.nanoTime() - t;
            if (r.statusCode() != 200)
                throw new IllegalStateException("vote refused: " + r.statusCode() + " " + r.body());
            if (i >= WARM_UP) {
                battle[i - WARM_UP] = shown;
                vote[i - WARM_UP] = voted;
            }
        }
        System.out.println(label + ": GET /battle " + summary(battle) + "; POST /battle/vote " + summary(vote));
    }

    /** A well-formed visitor id (22 base64url characters), one per request, so no visitor cap is near. */
    private static String visitor(int i) {
        return String.format("bench%017d", i);
    }

    private static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        return String.format(
                "n=%d mean %.2f ms, p50 %.2f ms, p99 %.2f ms",
                s.length, mean, s[s.length / 2] / 1e6, s[(int) (s.length * 0.99)] / 1e6);
    }

    /** Past battles with their votes, as the vote path writes them (battle row, vote row, pair counter). */
    private static void addPastVotes(Assembly arena, int n) {
        arena.storage().database().jdbi().useTransaction(h -> {
            List<Map<String, Object>> pairs = h.createQuery("""
                    SELECT a.task_id, a.id AS l, b.id AS r, a.model_id AS lm, b.model_id AS rm
                    FROM submissions a JOIN submissions b ON b.task_id = a.task_id AND a.model_id < b.model_id
                    WHERE a.status = 'succeeded' AND b.status = 'succeeded'""").mapToMap().list();
            var battles = h.prepareBatch("""
                    INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at, expires_at, used_at)
                    VALUES (:id, :task, :l, :r, :v, :t, :t, :t)""");
            var votes = h.prepareBatch("""
                    INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, network_hash,
                                       cast_at, simulated)
                    VALUES (:vid, :id, :task, :lm, :rm, 'left', :v, 'x', 'x', :t, 0)""");
            long now = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                Map<String, Object> p = pairs.get(i % pairs.size());
                String id = UUID.randomUUID().toString();
                battles.bind("id", id)
                        .bind("task", p.get("task_id"))
                        .bind("l", p.get("l"))
                        .bind("r", p.get("r"))
                        .bind("v", "past-" + (i % 5000))
                        .bind("t", now - 86_400_000L - i)
                        .add();
                votes.bind("vid", UUID.randomUUID().toString())
                        .bind("id", id)
                        .bind("task", p.get("task_id"))
                        .bind("lm", p.get("lm"))
                        .bind("rm", p.get("rm"))
                        .bind("v", "past-" + (i % 5000))
                        .bind("t", now - 86_400_000L - i)
                        .add();
            }
            battles.execute();
            votes.execute();
            h.execute("DELETE FROM pair_counts");
            h.execute("""
                    INSERT INTO pair_counts (model_a, model_b, votes)
                    SELECT CASE WHEN left_model < right_model THEN left_model ELSE right_model END,
                           CASE WHEN left_model < right_model THEN right_model ELSE left_model END, COUNT(*)
                    FROM votes GROUP BY 1, 2""");
        });
    }
}
