package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.bench.VotingClient;
import autobench.rating.Vote;
import autobench.rating.io.VoteFile;
import com.aayushatharva.brotli4j.decoder.Decoder;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The site over plain HTTP: headers of both origins, caching, the API and the vote path's refusals. */
@ResourceLock(WebFixture.LOCK)
@Tag("chromium")
class SiteHttpTest {
    static WebFixture site;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        site = WebFixture.shared();
    }

    static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site.base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cached_answers_leave_from_one_selector_per_core_and_the_rest_is_dispatched_to_the_pool() throws Exception {
        // Non-blocking: Jetty runs the fast path on the selector thread that read the request (no hand-over per
        // request); a Javalin handler, which may block, runs on the pool (FastPath.dispatch).
        assertThat(site.site.invocationType()).isEqualTo(Invocable.InvocationType.NON_BLOCKING);
        assertThat(site.site.selectors()).isGreaterThanOrEqualTo(2);
        assertThat(get(site.base + "/leaderboard").statusCode()).isEqualTo(200); // cached after the first
        assertThat(get(site.base + "/leaderboard").statusCode()).isEqualTo(200);
        assertThat(get(site.base + "/my/votes").statusCode()).isEqualTo(200); // never cached: always dispatched
        assertThat(get(site.base + "/no/such/page").statusCode()).isEqualTo(404);
    }

    /**
     * A task page carries each answer's line count and a link, not its code: opening "Code" loads the answer's
     * code page (cached like the task page), whose code is the stored code, escaped, the hostile answer's too.
     */
    @Test
    void an_answers_code_is_not_on_its_task_page_but_on_a_cached_page_of_its_own_escaped() throws Exception {
        String taskId = site.firstTaskId();
        String task = get(site.base + "/task/" + taskId).body();
        assertThat(task).doesNotContain("language-html").doesNotContain("<pre tabindex=\"0\"><code");
        int pages = 0;
        boolean hostileSeen = false;
        for (var s : site.get("/api/v1/tasks/" + taskId).get("submissions")) {
            String id = s.get("id").asText();
            String code = site.arena
                    .storage()
                    .submissions()
                    .texts(id)
                    .map(m -> m.get("code"))
                    .orElse(null);
            if (code == null) {
                assertThat(task).doesNotContain("/answer/" + id + "/code");
                continue;
            }
            assertThat(task)
                    .contains("hx-get=\"/answer/" + id + "/code\"")
                    .contains("<a href=\"/answer/" + id + "/code\">Open the code</a>");
            Matcher lines = Pattern.compile("/answer/" + id + "/code\"[^>]*>\\s*<summary>Code \\((\\d+) lines\\)")
                    .matcher(task);
            assertThat(lines.find()).as("the line count of " + id).isTrue();
            assertThat(Long.parseLong(lines.group(1))).isEqualTo(code.lines().count());

            HttpResponse<String> page = get(site.base + "/answer/" + id + "/code");
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher shown = Pattern.compile(
                            "<code id=\"code-" + id + "\" class=\"language-html\">(.*?)</code>", Pattern.DOTALL)
                    .matcher(page.body());
            assertThat(shown.find()).isTrue();
            assertThat(VotingClient.unescape(shown.group(1)))
                    .as("the code as stored")
                    .isEqualTo(code);
            assertThat(page.body()).contains("<div class=\"code-body\">", "data-copy=\"code-" + id + "\"");
            if (code.contains("<script")) {
                hostileSeen = true;
                assertThat(shown.group(1)).doesNotContain("<script").contains("&lt;script");
            }
            String etag = page.headers().firstValue("ETag").orElseThrow();
            assertThat(get(site.base + "/answer/" + id + "/code", "If-None-Match", etag)
                            .statusCode())
                    .as("cached: an unchanged code page answers 304")
                    .isEqualTo(304);
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(hostileSeen).as("the hostile answer's code was among them").isTrue();
        assertThat(get(site.base + "/answer/no-such-answer/code").statusCode()).isEqualTo(404);
    }

    @Test
    void main_origin_pages_carry_the_security_headers() throws Exception {
        HttpResponse<String> r = get(site.base + "/");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "frame-ancestors 'none'",
                        "frame-src " + site.sandbox);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).isPresent();
    }

    @Test
    void previews_are_sandboxed_may_connect_nowhere_and_never_get_same_origin() throws Exception {
        String id = site.get("/api/v1/tasks/" + site.firstTaskId())
                .get("submissions")
                .get(1)
                .get("id")
                .asText();
        HttpResponse<String> r = get(site.sandbox + "/run/" + id, "Sec-Fetch-Dest", "iframe");
        assertThat(r.statusCode()).isEqualTo(200);
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .startsWith("sandbox allow-scripts allow-pointer-lock;")
                .contains("connect-src 'none'")
                .contains("frame-ancestors " + site.base)
                .doesNotContain("allow-same-origin");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get(site.sandbox + "/")
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow())
                .startsWith("sandbox ");
    }

    @Test
    void the_sandbox_serves_the_allowed_libraries_and_nothing_else() throws Exception {
        HttpResponse<String> p5 = get(site.sandbox + "/cdn/cdn.jsdelivr.net/npm/p5@1.9.4/lib/p5.min.js");
        assertThat(p5.statusCode()).isEqualTo(200);
        assertThat(p5.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(get(site.sandbox + "/cdn/cdn.jsdelivr.net/npm/evil@1.0.0/x.js")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(site.sandbox + "/cdn/example.org/p5.min.js").statusCode())
                .isEqualTo(404);
        assertThat(SandboxSite.pointLibrariesHere(
                        "<script src=\"https://unpkg.com/d3@7.9.2/dist/d3.min.js\"></script>", "http://s:1"))
                .isEqualTo("<script src=\"http://s:1/cdn/unpkg.com/d3@7.9.2/dist/d3.min.js\"></script>");
    }

    @Test
    void an_unchanged_page_answers_304_to_its_etag_and_comes_gzipped() throws Exception {
        HttpResponse<String> first = get(site.base + "/leaderboard");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow())
                .contains("public")
                .contains("s-maxage");
        assertThat(get(site.base + "/leaderboard", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        HttpResponse<byte[]> gz = HTTP.send(
                HttpRequest.newBuilder(URI.create(site.base + "/leaderboard"))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gz.body().length).isLessThan(first.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void brotli_goes_to_clients_that_accept_it_and_decodes_to_the_very_page() throws Exception {
        assertThat(Encodings.brotliAvailable())
                .as("brotli4j ships a native library for this platform")
                .isTrue();
        byte[] plain = HTTP.send(
                        HttpRequest.newBuilder(URI.create(site.base + "/leaderboard"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        for (int i = 0; i < 2; i++) { // the first may render through the handlers, the second comes from the fast path
            HttpResponse<byte[]> br = HTTP.send(
                    HttpRequest.newBuilder(URI.create(site.base + "/leaderboard"))
                            .header("Accept-Encoding", "gzip, deflate, br")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(br.headers().firstValue("Content-Encoding")).contains("br");
            assertThat(br.headers().firstValue("Vary")).contains("Accept-Encoding");
            assertThat(br.body().length).isLessThan(plain.length / 2);
            assertThat(Decoder.decompress(br.body()).getDecompressedData()).isEqualTo(plain);
        }
        HttpResponse<byte[]> refused = HTTP.send(
                HttpRequest.newBuilder(URI.create(site.base + "/leaderboard"))
                        .header("Accept-Encoding", "br;q=0, gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.headers().firstValue("Content-Encoding")).contains("gzip");
    }

    @Test
    void a_cached_answer_from_the_fast_path_carries_exactly_the_headers_the_handlers_sent() throws Exception {
        // URLs nobody asked for yet (archive pages past the end): the first answer is rendered by the handlers,
        // the second leaves from the fast path. Invented parameters would not do: they share the cache key.
        long fresh = 100_000 + System.nanoTime() % 1_000_000;
        for (String accept : List.of("identity", "gzip", "gzip, br")) {
            String u = site.base + "/archive?page=" + (fresh++);
            Map<String, List<String>> first = headersOf(get(u, "Accept-Encoding", accept));
            Map<String, List<String>> second = headersOf(get(u, "Accept-Encoding", accept));
            assertThat(second).as(accept).isEqualTo(first);
        }
    }

    private static Map<String, List<String>> headersOf(HttpResponse<String> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        h.remove(":status");
        return h;
    }

    @Test
    void metrics_count_page_cache_results_and_votes_by_result_and_reason() throws Exception {
        get(site.base + "/leaderboard");
        get(site.base + "/leaderboard"); // current now: a hit, from the fast path
        Battle b = battle();
        assertThat(post("/battle/vote", "token=" + b.token + "&choice=left", "Cookie", b.cookie, "Origin", site.base)
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/battle/vote", "token=" + b.token + "&choice=left", "Cookie", b.cookie, "Origin", site.base)
                        .statusCode())
                .isEqualTo(409);
        assertThat(post(
                                "/battle/vote",
                                "token=" + b.token + "&choice=left",
                                "Cookie",
                                b.cookie,
                                "Origin",
                                "https://evil.example")
                        .statusCode())
                .isEqualTo(403);
        String m = get(site.base + "/metrics").body();
        assertThat(positive(m, "autobench_page_cache_total\\{result=\"hit\"}")).isTrue();
        assertThat(positive(m, "autobench_page_cache_total\\{result=\"render\"}"))
                .isTrue();
        assertThat(positive(m, "autobench_votes_total\\{reason=\"\",result=\"accepted\"}"))
                .isTrue();
        assertThat(positive(m, "autobench_votes_total\\{reason=\"replayed\",result=\"refused\"}"))
                .isTrue();
        assertThat(positive(m, "autobench_votes_total\\{reason=\"cross_origin\",result=\"refused\"}"))
                .isTrue();
    }

    @Test
    void metrics_time_battle_pages_and_votes_and_the_database_pools_waits() throws Exception {
        Battle b = battle();
        assertThat(post("/battle/vote", "token=" + b.token + "&choice=left", "Cookie", b.cookie, "Origin", site.base)
                        .statusCode())
                .isEqualTo(200);
        String m = get(site.base + "/metrics").body();
        for (String request : List.of("battle", "vote")) {
            assertThat(positive(m, "autobench_battle_request_seconds_count\\{request=\"" + request + "\"}"))
                    .as(request)
                    .isTrue();
            assertThat(m).contains("autobench_battle_request_seconds{request=\"" + request + "\",quantile=\"0.99\"}");
        }
        // HikariCP's own meters, for the pool this process votes through
        assertThat(positive(m, "hikaricp_connections_acquire_seconds_count\\{pool=\"[^\"]+\"}"))
                .isTrue();
        assertThat(m).contains("hikaricp_connections_max{pool=");
    }

    private static boolean positive(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.]+)$").matcher(scrape);
        return m.find() && Double.parseDouble(m.group(1)) > 0;
    }

    @Test
    void a_cached_answer_states_one_content_length_that_fits_its_body_in_every_coding() throws Exception {
        for (String coding : List.of("identity", "gzip", "br")) {
            for (int i = 0; i < 3; i++) { // rendered and cached, then from the fast path
                HttpResponse<byte[]> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(site.base + "/leaderboard"))
                                .header("Accept-Encoding", coding)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Encoding"))
                        .as(coding)
                        .isEqualTo(coding.equals("identity") ? Optional.empty() : Optional.of(coding));
                assertThat(r.headers().allValues("Content-Length"))
                        .as(coding)
                        .containsExactly(Integer.toString(r.body().length));
            }
        }
    }

    @Test
    void head_answers_with_the_get_status_length_and_etag_and_no_body() throws Exception {
        for (String path : List.of("/", "/leaderboard", "/methodology", "/static/site.css", "/no-such-page")) {
            HttpResponse<byte[]> got = HTTP.send(
                    HttpRequest.newBuilder(URI.create(site.base + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (int i = 0; i < 2; i++) { // once through the handlers or the fast path, then again (now cached)
                HttpResponse<byte[]> head = HTTP.send(
                        HttpRequest.newBuilder(URI.create(site.base + path))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(head.statusCode()).as(path).isEqualTo(got.statusCode());
                assertThat(head.body()).as(path).isEmpty();
                assertThat(head.headers().firstValueAsLong("Content-Length"))
                        .as(path)
                        .hasValue(got.body().length);
                assertThat(head.headers().firstValue("Content-Type"))
                        .as(path)
                        .isEqualTo(got.headers().firstValue("Content-Type"));
                if (!path.equals("/methodology")) { // methodology shows a live counter, so its bytes may move
                    assertThat(head.headers().firstValue("ETag"))
                            .as(path)
                            .isEqualTo(got.headers().firstValue("ETag"));
                }
            }
        }
    }

    @Test
    void artifacts_are_served_by_content_hash_as_immutable() throws Exception {
        String poster = site.get("/api/v1/tasks/" + site.firstTaskId())
                .get("submissions")
                .get(1)
                .get("artifacts")
                .get("poster")
                .asText();
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(site.base + poster)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(get(site.base + "/a/" + "0".repeat(64)).statusCode()).isEqualTo(404);
    }

    @Test
    void a_vote_changes_the_cached_leaderboard_at_once_and_counts_once() throws Exception {
        String etag =
                get(site.base + "/leaderboard").headers().firstValue("ETag").orElseThrow();
        long before = site.demoVotes();
        Battle b = battle();
        HttpResponse<String> vote =
                post("/battle/vote", "token=" + b.token + "&choice=left", "Cookie", b.cookie, "Origin", site.base);
        assertThat(vote.statusCode()).isEqualTo(200);
        assertThat(vote.body()).contains("You voted");
        assertThat(site.demoVotes()).isEqualTo(before + 1);
        assertThat(get(site.base + "/leaderboard", "If-None-Match", etag).statusCode())
                .isEqualTo(200);

        HttpResponse<String> replay =
                post("/battle/vote", "token=" + b.token + "&choice=right", "Cookie", b.cookie, "Origin", site.base);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("already has its vote").contains("not counted");
        assertThat(site.demoVotes()).isEqualTo(before + 1);
    }

    @Test
    void a_refused_vote_says_why_and_offers_a_fresh_battle_as_409_to_a_form_and_200_marked_refused_to_htmx()
            throws Exception {
        Battle b = battle();
        String vote = "token=" + b.token + "&choice=left";
        assertThat(post("/battle/vote", vote, "Cookie", b.cookie, "Origin", site.base)
                        .statusCode())
                .isEqualTo(200);
        // Without script: the browser shows the 409 page as it is.
        HttpResponse<String> form = post("/battle/vote", vote, "Cookie", b.cookie, "Origin", site.base);
        assertThat(form.statusCode()).isEqualTo(409);
        assertThat(form.body())
                .contains("data-refusal=\"replayed\"")
                .contains("already has its vote")
                .contains("Here is a fresh battle")
                .contains("<form class=\"vote\"")
                .doesNotContain("name=\"token\" value=\"" + b.token + "\"");
        // From the page's own script: 200, so that the browser logs no error and htmx swaps it in.
        HttpResponse<String> htmx =
                post("/battle/vote", vote, "Cookie", b.cookie, "Origin", site.base, "HX-Request", "true");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body())
                .contains("data-refusal=\"replayed\"")
                .contains("<form class=\"vote\"")
                .doesNotContain("data-revealed=\"yes\"");
    }

    @Test
    void votes_from_another_site_another_cookie_a_forged_ticket_or_an_unknown_choice_change_nothing() throws Exception {
        long before = site.demoVotes();
        Battle b = battle();
        assertThat(post(
                                "/battle/vote",
                                "token=" + b.token + "&choice=left",
                                "Cookie",
                                b.cookie,
                                "Origin",
                                "https://evil.example")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/battle/vote", "token=" + b.token + "&choice=left", "Cookie", b.cookie)
                        .statusCode())
                .isEqualTo(403);
        Battle other = battle();
        assertThat(post(
                                "/battle/vote",
                                "token=" + b.token + "&choice=left",
                                "Cookie",
                                other.cookie,
                                "Origin",
                                site.base)
                        .body())
                .contains("issued to another browser");
        String forged = b.token.substring(0, 20)
                + (b.token.charAt(20) == 'A' ? 'B' : 'A')
                + b.token.substring(21); // one sealed bit
        assertThat(post("/battle/vote", "token=" + forged + "&choice=left", "Cookie", b.cookie, "Origin", site.base)
                        .body())
                .contains("not issued by this site");
        assertThat(post("/battle/vote", "token=" + b.token + "&choice=draw", "Cookie", b.cookie, "Origin", site.base)
                        .statusCode())
                .isEqualTo(400);
        assertThat(site.demoVotes()).isEqualTo(before);
    }

    @Test
    void showing_battles_writes_no_row_only_a_vote_does() throws Exception {
        long before = site.voteRows();
        for (int i = 0; i < 300; i++)
            assertThat(get(site.base + "/battle").statusCode()).isEqualTo(200);
        assertThat(site.voteRows())
                .as("battles, votes, tallies and pair counts after 300 battles shown")
                .isEqualTo(before);

        battleAndVote();
        assertThat(site.voteRows())
                .as("one battle, one vote, a visitor and a network tally, one pair count")
                .isEqualTo(before + 5);
    }

    @Test
    void robots_txt_keeps_crawlers_off_battles_and_the_vote_and_allows_the_rest() throws Exception {
        HttpResponse<String> r = get(site.base + "/robots.txt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("User-agent: *", "Disallow: /battle\n", "Disallow: /p/\n", "Allow: /\n");
    }

    @Test
    void the_votes_export_reads_back_with_the_ratings_votes_reader() throws Exception {
        battleAndVote();
        HttpResponse<String> r = get(site.base + "/api/v1/votes.jsonl");
        List<Vote> votes = new ArrayList<>();
        VoteFile.forEach(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), votes::add);
        assertThat(votes).isNotEmpty();
        assertThat(votes.get(0).date()).isNotNull();
    }

    @Test
    void the_api_feed_and_openapi_answer_with_stable_shapes() throws Exception {
        assertThat(site.get("/api/v1/days").get("days").get(0).get("day").asText())
                .isEqualTo(site.today.toString());
        assertThat(site.get("/api/v1/models").get("models").findValuesAsText("id"))
                .contains("demo-orbit", "hostile");
        assertThat(site.get("/api/v1/tasks/nope").get("error").asText()).contains("no published task");
        assertThat(get(site.base + "/api/v1/tasks/nope").statusCode()).isEqualTo(404);
        assertThat(site.get("/api/v1/openapi.json").get("openapi").asText()).startsWith("3.");
        HttpResponse<String> feed = get(site.base + "/feed.atom");
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
        assertThat(feed.body()).contains("<entry>").contains("Tasks of " + site.today);
        assertThat(get(site.base + "/no/such/page").statusCode()).isEqualTo(404);
    }

    record Battle(String token, String cookie) {}

    static Battle battle() throws Exception {
        HttpResponse<String> r = get(site.base + "/battle");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).isTrue();
        return new Battle(m.group(1), cookie.substring(0, cookie.indexOf(';')));
    }

    static void battleAndVote() throws Exception {
        Battle b = battle();
        post("/battle/vote", "token=" + b.token + "&choice=tie", "Cookie", b.cookie, "Origin", site.base);
    }
}
