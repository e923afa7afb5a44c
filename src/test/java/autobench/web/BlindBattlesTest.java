package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.RatingsCommand;
import autobench.cli.Serving;
import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.render.Artifact;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.vote.SimulatedVisitors;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Plays the attacker of issue 18 with nothing but what the site serves to anyone: it collects every
 * page, API answer, feed, votes export, artifact and preview reachable from the public site, and
 * tries to tie each side of 50 battles on blind tasks to a model — by a model id on the battle
 * page, by poster bytes or hashes that a public page or API answer shows under a model, by preview
 * bytes that a public URL serves under a model. Then it votes in every battle and watches every
 * public number. Then the clock passes the reveal and everything it could not learn appears.
 *
 * <p>The site runs with its page cache off, so every answer is computed afresh: "nothing changed"
 * is about the data, not about a cache that hides it. (Over 400 lines: the crawler and the
 * attacker's reasoning are the test, and reading them in one place is the point.)
 */
class BlindBattlesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 9, 14);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern HEX64 = Pattern.compile("\\b[0-9a-f]{64}\\b");
    static final Pattern UUID = Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    static final Pattern LINK = Pattern.compile("(?:href|src|data-run)=\"([^\"]+)\"|\"(/[^\"\\s]*)\"");
    static final int BATTLES = 50;

    @TempDir
    Path tmp;

    /** The arena, its site and a few helpers to speak HTTP to it. */
    final class Arena3 implements AutoCloseable {
        final ManualClock clock =
                new ManualClock(TODAY.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC));
        final Assembly arena;
        final Site site;
        final String base, sandbox;
        final Set<String> models;

        Arena3() {
            this(false);
        }

        /** @param cache whether the site keeps pages (off: every request reads the database, the attacker's worst case) */
        Arena3(boolean cache) {
            Config c = new ConfigLoader(Map.of("AUTOBENCH_RENDER_ENABLED", "false"))
                    .load(null, true)
                    .withDatabase(Store.SQLITE.freshUrl(tmp));
            c = c.withWeb(c.web().withPorts(0, 0).withCache(cache));
            arena = TestAssembly.of(c).clock(clock).build();
            for (LocalDate d = TODAY.minusDays(2); !d.isAfter(TODAY); d = d.plusDays(1)) {
                clock.advance(Duration.ofMillis(
                        d.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli() - clock.millis()));
                arena.pipeline().dailyCycle().run(d);
                renderAndPublish();
            }
            // Revealed days carry votes already (the demo's simulated visitors), so the public boards are not empty.
            new SimulatedVisitors(arena.website().battles(), 7)
                    .run(List.of(TODAY.minusDays(2), TODAY.minusDays(1)), 40);
            models = new TreeSet<>(
                    arena.storage().models().all().stream().map(m -> m.id()).toList());
            site = Serving.start(arena.website(), c.web(), "127.0.0.1");
            base = "http://127.0.0.1:" + site.port();
            sandbox = "http://127.0.0.1:" + site.sandboxPort();
        }

        /** What the render stage would do: a result and a poster of its own for every answer, then publish. */
        private void renderAndPublish() {
            SplittableRandom r = new SplittableRandom(clock.millis());
            arena.storage().database().jdbi().useHandle(h -> {
                h.execute("""
                        INSERT INTO render_results (submission_id, status, result, seed, attempts, created_at, updated_at)
                        SELECT id, 'done', 'ok', 0, 1, 0, 0 FROM submissions WHERE status = 'succeeded'
                        ON CONFLICT (submission_id) DO NOTHING""");
            });
            for (String id : arena.storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT id FROM submissions WHERE status = 'succeeded' ORDER BY id")
                            .mapTo(String.class)
                            .list())) {
                byte[] png = new byte[256];
                r.nextBytes(png);
                arena.storage().artifacts().put(id, new Artifact(Artifact.POSTER, "image/png", png), clock.millis());
            }
            arena.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE tasks SET status = 'published' WHERE status = 'dispatched'"));
        }

        HttpResponse<byte[]> get(String url, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url));
            for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        String text(String url, String... headers) throws Exception {
            return new String(get(url, headers).body(), StandardCharsets.UTF_8);
        }

        HttpResponse<String> vote(String cookie, String token, String left, String right, String choice)
                throws Exception {
            String form = "token=" + enc(token) + "&left=" + enc(left) + "&right=" + enc(right) + "&choice=" + choice;
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/battle/vote"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", cookie)
                            .header("Origin", base)
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String modelOf(String submissionId) {
            return arena.storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT model_id FROM submissions WHERE id = :id")
                            .bind("id", submissionId)
                            .mapTo(String.class)
                            .one());
        }

        @Override
        public void close() {
            site.close();
            arena.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /**
     * Everything the public site serves, and what the attacker learns from it: which evidence (an
     * artifact hash, a submission id, the hash of a preview's bytes) a public answer shows under
     * which model.
     */
    static final class Crawl {
        final Map<String, byte[]> bodies = new LinkedHashMap<>();
        final Map<String, Set<String>> named = new HashMap<>();
        /** The hash of a preview's bytes to the ids it was served under at /run/{id}. */
        final Map<String, Set<String>> previews = new HashMap<>();

        void name(String evidence, String model) {
            named.computeIfAbsent(evidence, k -> new HashSet<>()).add(model);
        }

        Set<String> modelsOf(String evidence) {
            return named.getOrDefault(evidence, Set.of());
        }

        /** A preview's bytes are named by whatever names an id they are served under. */
        Set<String> modelsOfPreview(String sha) {
            Set<String> out = new HashSet<>();
            for (String id : previews.getOrDefault(sha, Set.of())) out.addAll(modelsOf(id));
            return out;
        }
    }

    /** Follows every link and every path in every answer from the public entry points, on both origins. */
    static Crawl crawl(Arena3 a) throws Exception {
        Crawl c = new Crawl();
        Deque<String> todo = new ArrayDeque<>(List.of(
                "/",
                "/archive",
                "/leaderboard",
                "/methodology",
                "/data",
                "/feed.atom",
                "/robots.txt",
                "/api/v1/days",
                "/api/v1/models",
                "/api/v1/leaderboard",
                "/api/v1/votes.jsonl",
                "/api/v1/votes.jsonl?pool=demo",
                "/api/v1/stats",
                "/api/v1/openapi.json"));
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty() && c.bodies.size() < 5_000) {
            String path = todo.poll();
            HttpResponse<byte[]> r = a.get(path.startsWith("/run/") ? a.sandbox + path : path);
            if (r.statusCode() != 200) continue;
            c.bodies.put(path, r.body());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!(type.contains("html") || type.contains("json") || type.contains("xml") || type.contains("text")))
                continue;
            String body = new String(r.body(), StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(body);
            while (m.find()) {
                String link = m.group(1) != null ? m.group(1) : m.group(2);
                link = link.replace("&amp;", "&");
                for (String origin : List.of(a.base, a.sandbox))
                    if (link.startsWith(origin)) link = link.substring(origin.length());
                int hash = link.indexOf('#');
                if (hash >= 0) link = link.substring(0, hash);
                if (!link.startsWith("/")
                        || link.startsWith("//")
                        || link.startsWith("/battle")
                        || link.startsWith("/admin")
                        || link.startsWith("/static/")
                        || link.startsWith("/cdn/")
                        || link.startsWith("/p/")
                        || link.contains("{")) continue;
                if (seen.add(link)) todo.add(link);
            }
        }
        learn(a, c);
        return c;
    }

    /** What the crawled answers say about models: an answer object with a model id, an HTML answer under a model's link, a model's own page. */
    static void learn(Arena3 a, Crawl c) throws Exception {
        for (Map.Entry<String, byte[]> e : c.bodies.entrySet()) {
            String path = e.getKey(), body = new String(e.getValue(), StandardCharsets.UTF_8);
            if (path.startsWith("/run/")) {
                c.previews
                        .computeIfAbsent(sha256(e.getValue()), k -> new HashSet<>())
                        .add(path.substring("/run/".length()));
                continue;
            }
            if (path.startsWith("/model/") || path.startsWith("/api/v1/models/")) {
                String model = path.substring(path.lastIndexOf('/') + 1);
                nameAll(c, body, model);
            }
            if (path.startsWith("/api/") && !path.endsWith(".jsonl")) {
                try {
                    walk(JSON.readTree(body), c);
                } catch (IOException notJson) {
                    // a non-JSON answer under /api: nothing to walk
                }
            }
            Matcher chunk = Pattern.compile("<(article|figure)\\b.*?</\\1>", Pattern.DOTALL)
                    .matcher(body);
            while (chunk.find()) {
                Matcher link = Pattern.compile("href=\"/model/([^\"]+)\"").matcher(chunk.group());
                if (link.find()) nameAll(c, chunk.group(), link.group(1));
            }
        }
    }

    private static void nameAll(Crawl c, String text, String model) {
        for (Pattern p : List.of(HEX64, UUID)) {
            Matcher m = p.matcher(text);
            while (m.find()) c.name(m.group(), model);
        }
    }

    private static void walk(JsonNode n, Crawl c) {
        if (n.isObject()) {
            JsonNode model = n.get("model_id");
            if (model != null && model.isTextual()) nameAll(c, n.toString(), model.asText());
            n.elements().forEachRemaining(x -> walk(x, c));
        } else if (n.isArray()) {
            n.elements().forEachRemaining(x -> walk(x, c));
        }
    }

    /** One side of a battle as the attacker sees it: the page, the poster's bytes and the preview's bytes. */
    record Side(String ref, String posterSha, String previewSha, String model) {}

    record Fought(String page, String cookie, String token, Side left, Side right) {}

    static Fought fight(Arena3 a) throws Exception {
        HttpResponse<byte[]> r = a.get("/battle");
        String page = new String(r.body(), StandardCharsets.UTF_8);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        String token = field(page, "token"), left = field(page, "left"), right = field(page, "right");
        return new Fought(page, cookie, token, side(a, left), side(a, right));
    }

    static Side side(Arena3 a, String ref) throws Exception {
        String poster = sha256(a.get("/p/" + ref).body());
        String preview = sha256(a.get(a.sandbox + "/run/" + ref).body());
        // the test's own knowledge, never the attacker's: which model really wrote this side
        String id = a.arena
                .storage()
                .database()
                .jdbi()
                .withHandle(
                        h -> h.createQuery("SELECT submission_id FROM artifacts WHERE sha256 = :s AND kind = 'poster'")
                                .bind("s", poster)
                                .mapTo(String.class)
                                .one());
        return new Side(ref, poster, preview, a.modelOf(id));
    }

    static String field(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the battle page has a %s field", name).isTrue();
        return m.group(1).replace("&#61;", "=").replace("&#43;", "+");
    }

    /** The models the attacker can tie to a side: by the battle page, the poster's hash or bytes, the preview's bytes. */
    static Set<String> tied(Crawl c, Fought f, Side s, Set<String> models) {
        Set<String> out = new HashSet<>();
        for (String m : models) if (f.page().contains(m)) out.add(m);
        out.addAll(c.modelsOf(s.posterSha()));
        out.addAll(c.modelsOfPreview(s.previewSha()));
        out.addAll(c.modelsOf(s.ref()));
        return out;
    }

    /** Every public page and answer that carries a per-model number or a vote. */
    static Map<String, String> publicNumbers(Arena3 a) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of(
                "/leaderboard",
                "/api/v1/leaderboard",
                "/api/v1/models",
                "/api/v1/votes.jsonl",
                "/api/v1/votes.jsonl?pool=demo",
                "/feed.atom",
                "/",
                "/archive"));
        for (String m : a.models) paths.addAll(List.of("/model/" + m, "/api/v1/models/" + m));
        for (LocalDate d = TODAY.minusDays(2); !d.isAfter(TODAY); d = d.plusDays(1)) paths.add("/api/v1/days/" + d);
        for (String p : paths) out.put(p, a.text(p));
        return out;
    }

    @Test
    void
            an_attacker_with_every_public_url_ties_no_side_of_50_blind_battles_to_a_model_and_sees_no_vote_until_the_reveal()
                    throws Exception {
        try (Arena3 a = new Arena3()) {
            Crawl before = crawl(a);
            assertThat(before.bodies.keySet())
                    .as("the crawl reached tasks, answers, artifacts and previews")
                    .anyMatch(p -> p.startsWith("/task/"))
                    .anyMatch(p -> p.startsWith("/api/v1/submissions/"))
                    .anyMatch(p -> p.startsWith("/a/"))
                    .anyMatch(p -> p.startsWith("/run/"));
            Map<String, String> numbers = publicNumbers(a);
            assertThat(numbers.get("/api/v1/leaderboard"))
                    .as("revealed days' votes are on the board")
                    .contains("\"simulated\"");
            long totalBefore =
                    JSON.readTree(a.text("/api/v1/stats")).get("votes").asLong();
            long version = a.arena.website().gallery().dataVersion();

            List<Fought> battles = new ArrayList<>();
            int identified = 0;
            for (int i = 0; i < BATTLES; i++) {
                Fought f = fight(a);
                battles.add(f);
                for (Side s : List.of(f.left(), f.right()))
                    if (!tied(before, f, s, a.models).isEmpty()) identified++;
                a.clock.advance(Duration.ofSeconds(20)); // a person looks at both answers before voting
                String choice = List.of("left", "right", "tie", "both_bad").get(i % 4);
                HttpResponse<String> reply =
                        a.vote(f.cookie(), f.token(), f.left().ref(), f.right().ref(), choice);
                assertThat(reply.statusCode()).isEqualTo(200);
                assertThat(reply.body())
                        .contains("data-revealed=\"later\"")
                        .contains("<time datetime=\""
                                + TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() + "\"");
                for (String m : a.models)
                    assertThat(reply.body())
                            .as("the vote's reply names no model")
                            .doesNotContain(m);
                assertThat(publicNumbers(a))
                        .as("after vote %d no public number and no votes line changed", i + 1)
                        .isEqualTo(numbers);
            }
            assertThat(identified)
                    .as("battle sides tied to a model before the reveal")
                    .isZero();
            assertThat(a.arena.website().gallery().dataVersion())
                    .as("a vote on a blind task invalidates no page")
                    .isEqualTo(version);
            assertThat(JSON.readTree(a.text("/api/v1/stats")).get("votes").asLong())
                    .as("the total may move at once")
                    .isEqualTo(totalBefore + BATTLES);

            HttpResponse<byte[]> mine =
                    a.get("/my/votes", "Cookie", battles.get(0).cookie());
            assertThat(mine.headers().firstValue("Cache-Control").orElse("")).isEqualTo("private, no-store");
            String minePage = new String(mine.body(), StandardCharsets.UTF_8);
            assertThat(minePage).contains("data-revealed=\"later\"").doesNotContain("data-revealed=\"yes\"");
            for (String m : a.models) assertThat(minePage).doesNotContain(">" + m + "<");

            // The reveal: the next arena day begins.
            a.clock.advance(Duration.ofMillis(
                    TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                            - a.clock.millis()
                            + 1_000));
            assertThat(a.arena.website().gallery().dataVersion())
                    .as("the reveal changes the data version")
                    .isNotEqualTo(version);
            Crawl after = crawl(a);
            int named = 0;
            for (Fought f : battles) {
                for (Side s : List.of(f.left(), f.right())) {
                    if (tied(after, f, s, a.models).equals(Set.of(s.model()))) named++;
                }
            }
            assertThat(named)
                    .as("after the reveal the same crawl names every side: the attacker's checks can fail")
                    .isEqualTo(2 * BATTLES);

            List<String> demoVotes =
                    a.text("/api/v1/votes.jsonl?pool=demo").lines().toList();
            assertThat(demoVotes).hasSize(BATTLES);
            assertThat(a.text("/my/votes", "Cookie", battles.get(0).cookie()))
                    .contains("data-revealed=\"yes\"")
                    .contains(">" + battles.get(0).left().model() + "<");

            Path file = Files.writeString(tmp.resolve("votes.jsonl"), String.join("\n", demoVotes) + "\n");
            StringWriter out = new StringWriter();
            CommandLine cl = new CommandLine(new RatingsCommand(List::of));
            cl.setOut(new PrintWriter(out, true));
            assertThat(cl.execute("--votes", file.toString(), "--json")).isZero();
            JsonNode fromFile = JSON.readTree(out.toString());
            JsonNode board = null;
            for (JsonNode b : JSON.readTree(a.text("/api/v1/leaderboard")).get("boards"))
                if (b.get("pool").asText().equals("demo")) board = b;
            assertThat(board).as("the demo board counts the revealed votes").isNotNull();
            assertThat(board.get("votes").asInt()).isEqualTo(BATTLES);
            Map<String, Double> publicRatings = new HashMap<>(), recomputed = new HashMap<>();
            for (JsonNode r : board.get("rows"))
                publicRatings.put(r.get("model").asText(), r.get("rating").asDouble());
            for (JsonNode r : fromFile.get("rows"))
                recomputed.put(r.get("model").asText(), r.get("rating").asDouble());
            assertThat(recomputed)
                    .as("ratings --votes on the export reproduces the public board")
                    .isEqualTo(publicRatings);
        }
    }

    /** The clock moving within the day changes nothing: stable labels, and the same reveal time on every page. */
    @Test
    void
            a_blind_task_shows_the_same_labels_and_reveal_time_on_every_visit_and_hiding_an_answer_keeps_the_others_labels()
                    throws Exception {
        try (Arena3 a = new Arena3()) {
            JsonNode day = JSON.readTree(a.text("/api/v1/days/" + TODAY));
            JsonNode task = day.get("tasks").get(0);
            String page = a.text("/task/" + task.get("id").asText());
            assertThat(page).contains("Answer A").contains("Answer B").contains("data-revealed=\"later\"");
            for (String m : a.models) assertThat(page).doesNotContain("/model/" + m);
            a.clock.advance(Duration.ofHours(6));
            assertThat(a.text("/task/" + task.get("id").asText())).isEqualTo(page);
            for (JsonNode s : task.get("submissions")) {
                assertThat(s.get("model_id").isNull()).isTrue();
                assertThat(s.get("label").asText()).startsWith("Answer ");
                assertThat(s.get("cost_usd").isNull()).isTrue();
                assertThat(s.get("reveal_at").asText())
                        .isEqualTo(
                                Instant.parse(TODAY.plusDays(1) + "T00:00:00Z").toString());
                assertThat(a.get("/answer/" + s.get("id").asText() + "/raw").statusCode())
                        .isEqualTo(404);
                // the code is shown (it is what the preview runs), under the label: nothing around it names the model
                // (the demo programs' own code names them in a comment, as it does in the preview)
                var shown = a.get("/answer/" + s.get("id").asText() + "/code");
                if (shown.statusCode() == 404) { // an answer without code: the task page offers none
                    assertThat(page).doesNotContain("/answer/" + s.get("id").asText() + "/code");
                    continue;
                }
                String code =
                        new String(shown.body(), StandardCharsets.UTF_8).replaceAll("(?s)<code id=.*?</code>", "");
                assertThat(code).contains("Code of " + s.get("label").asText());
                for (String m : a.models) assertThat(code).doesNotContain(m);
            }
            // an operator hides one answer: the others keep their labels
            Map<String, String> labels = new HashMap<>();
            for (JsonNode s : task.get("submissions"))
                labels.put(s.get("id").asText(), s.get("label").asText());
            String hidden = task.get("submissions").get(0).get("id").asText();
            a.arena
                    .storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.createUpdate("UPDATE submissions SET hidden = 1 WHERE id = :id")
                            .bind("id", hidden)
                            .execute());
            labels.remove(hidden);
            Map<String, String> after = new HashMap<>();
            for (JsonNode s : JSON.readTree(
                            a.text("/api/v1/tasks/" + task.get("id").asText()))
                    .get("submissions")) {
                after.put(s.get("id").asText(), s.get("label").asText());
            }
            assertThat(after).isEqualTo(labels);
            // yesterday's tasks are revealed and named as before
            JsonNode yesterday = JSON.readTree(a.text("/api/v1/days/" + TODAY.minusDays(1)))
                    .get("tasks")
                    .get(0);
            assertThat(yesterday.get("submissions").get(0).get("model_id").asText())
                    .isIn(a.models);
        }
    }

    /**
     * With the page cache on, votes on blind tasks invalidate nothing: every public page keeps its bytes
     * and its ETag (a conditional GET stays a 304), and none is even rendered again, until the reveal.
     */
    @Test
    void votes_on_blind_tasks_leave_every_cached_public_page_unrendered_and_its_etag_unchanged_until_the_reveal()
            throws Exception {
        try (Arena3 a = new Arena3(true)) {
            List<String> paths = new ArrayList<>(publicNumbers(a).keySet());
            for (JsonNode t : JSON.readTree(a.text("/api/v1/days/" + TODAY)).get("tasks"))
                paths.add("/task/" + t.get("id").asText());
            Map<String, String> etags = new LinkedHashMap<>();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (String p : paths) {
                HttpResponse<byte[]> r = a.get(p, "Accept-Encoding", "gzip");
                assertThat(r.statusCode()).as(p).isEqualTo(200);
                etags.put(p, r.headers().firstValue("ETag").orElseThrow());
                bodies.put(p, sha256(r.body()));
            }
            long rendered = a.site.cache().renders();
            for (int i = 0; i < 20; i++) {
                Fought f = fight(a);
                a.clock.advance(Duration.ofSeconds(20)); // past the minimum viewing time, and the cache's version check
                assertThat(a.vote(
                                        f.cookie(),
                                        f.token(),
                                        f.left().ref(),
                                        f.right().ref(),
                                        "left")
                                .statusCode())
                        .isEqualTo(200);
                for (String p : paths) {
                    HttpResponse<byte[]> r = a.get(p, "Accept-Encoding", "gzip");
                    assertThat(r.headers().firstValue("ETag"))
                            .as("%s after vote %d", p, i + 1)
                            .contains(etags.get(p));
                    assertThat(sha256(r.body()))
                            .as("%s after vote %d", p, i + 1)
                            .isEqualTo(bodies.get(p));
                    assertThat(a.get(p, "If-None-Match", etags.get(p)).statusCode())
                            .as(p)
                            .isEqualTo(304);
                }
            }
            assertThat(a.site.cache().renders())
                    .as("20 votes on blind tasks made no public page render again")
                    .isEqualTo(rendered);
            assertThat(a.get("/my/votes", "Cookie", fight(a).cookie()).headers().firstValue("Cache-Control"))
                    .as("the one page a vote changes is the visitor's own, never a shared entry")
                    .contains("private, no-store");

            a.clock.advance(Duration.ofMillis(
                    TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                            - a.clock.millis()
                            + 1_000));
            HttpResponse<byte[]> board = a.get("/api/v1/leaderboard", "Accept-Encoding", "gzip");
            assertThat(board.headers().firstValue("ETag"))
                    .as("the reveal counts the votes: the board changes")
                    .isNotEqualTo(Optional.of(etags.get("/api/v1/leaderboard")));
            assertThat(a.site.cache().renders()).isGreaterThan(rendered);
        }
    }
}
