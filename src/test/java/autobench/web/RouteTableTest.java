package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one route table: what its wrapper does for every route, and how it names cache entries. */
@Tag("chromium")
class RouteTableTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicLong NONCE = new AtomicLong(System.nanoTime() % 1_000_000);
    static WebFixture site;

    @BeforeAll
    static void start() {
        site = WebFixture.shared();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    /** A value no route can use, new on every call so that no earlier request can have cached it. */
    static String bad(Param p) {
        long n = NONCE.incrementAndGet();
        return switch (p) {
            case CATEGORY -> "nope" + n;
            case POOL -> "bogus" + n;
            case FROM, TO, DAY -> "2026-13-" + n;
            case PAGE -> "x" + n;
            case RUN, NOTICE -> throw new IllegalArgumentException(p + " takes any value");
        };
    }

    @Test
    void an_unknown_parameter_value_gets_one_400_on_every_route_before_the_page_cache() throws Exception {
        int checked = 0;
        for (Route r : site.site.routes().all()) {
            if (r.kind().sandbox() || r.method() != HandlerType.GET) continue;
            for (Param p : r.reads()) {
                if (p == Param.RUN || p == Param.NOTICE) continue;
                String path = p.inPath ? r.path().replace("{" + p.wire + "}", bad(p)) : r.path();
                String query = p.inPath ? null : p.wire + "=" + bad(p);
                HttpResponse<String> a = get(site.base + path + (query == null ? "" : "?" + query));
                String why = r + " with " + path + (query == null ? "" : "?" + query);
                assertThat(a.statusCode()).as(why).isEqualTo(400);
                assertThat(a.headers().firstValue("Cache-Control")).as(why).contains("no-store");
                if (r.kind() == Route.Kind.API) {
                    assertThat(a.headers().firstValue("Content-Type").orElseThrow())
                            .as(why)
                            .startsWith("application/json");
                    assertThat(new ObjectMapper()
                                    .readTree(a.body())
                                    .get("error")
                                    .asText())
                            .as(why)
                            .contains(p == Param.DAY ? "day" : p.wire);
                } else {
                    assertThat(a.headers().firstValue("Content-Type").orElseThrow())
                            .as(why)
                            .startsWith("text/html");
                    assertThat(a.body())
                            .as(why)
                            .contains("<h1>Bad request</h1>")
                            .contains(p.wire);
                }
                String key = site.site.routes().key("127.0.0.1", path, query);
                if (p.inPath) { // the path is the key; a 400 is never kept under it
                    assertThat(site.site.cache().kept(key))
                            .as(why + ": no cache entry")
                            .isNull();
                } else {
                    assertThat(key).as(why + ": a bad query value makes no key").isNull();
                }
                checked++;
            }
        }
        assertThat(checked)
                .as("category, from and to on two routes, pool, day, page")
                .isEqualTo(9);
        // The same look-up finds what a good value caches, so the check above can fail.
        assertThat(get(site.base + "/leaderboard?category=game").statusCode()).isEqualTo(200);
        assertThat(site.site.cache().kept(site.site.routes().key("127.0.0.1", "/leaderboard", "category=game")))
                .isNotNull();
    }

    @Test
    void a_run_that_names_no_answer_of_the_task_is_the_one_400_and_makes_no_entry() throws Exception {
        var day = new ObjectMapper()
                .readTree(get(site.base + "/api/v1/days/" + site.today).body());
        var task = day.get("tasks").get(0);
        String id = task.get("id").asText(),
                answer = task.get("submissions").get(0).get("id").asText();
        long before = site.site.cache().size();
        for (String run :
                List.of("nope" + NONCE.incrementAndGet(), UUID.randomUUID().toString())) {
            HttpResponse<String> a = get(site.base + "/task/" + id + "?run=" + run);
            assertThat(a.statusCode()).as(run).isEqualTo(400);
            assertThat(a.body()).contains("<h1>Bad request</h1>").contains("run names no answer of this task");
            assertThat(a.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(site.site.cache().kept(site.site.routes().key("127.0.0.1", "/task/" + id, "run=" + run)))
                    .isNull();
        }
        // an answer of the task runs, and is kept (so the check above can fail)
        assertThat(get(site.base + "/task/" + id + "?run=" + answer).statusCode())
                .isEqualTo(200);
        assertThat(site.site.cache().kept(site.site.routes().key("127.0.0.1", "/task/" + id, "run=" + answer)))
                .isNotNull();
        assertThat(site.site.cache().size()).isGreaterThan(before);
    }

    @Test
    void spellings_of_one_value_share_one_entry() throws Exception {
        Routes t = site.site.routes();
        String key = t.key("127.0.0.1", "/leaderboard", "category=game");
        for (String query : List.of("category=%20game", "category=game%20", "category=g%61me", "category=+game&x=1")) {
            assertThat(t.key("127.0.0.1", "/leaderboard", query)).as(query).isEqualTo(key);
            assertThat(get(site.base + "/leaderboard?" + query).statusCode())
                    .as(query)
                    .isEqualTo(200);
        }
        assertThat(site.site.cache().kept(key)).isNotNull();
    }

    @Test
    void an_empty_date_window_is_the_same_400_on_the_page_and_the_api() throws Exception {
        HttpResponse<String> page = get(site.base + "/leaderboard?from=2026-02-02&to=2026-02-01");
        HttpResponse<String> api = get(site.base + "/api/v1/leaderboard?from=2026-02-02&to=2026-02-01");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(api.statusCode()).isEqualTo(400);
        String message = new ObjectMapper().readTree(api.body()).get("error").asText();
        assertThat(message).isEqualTo("the window is empty: from 2026-02-02 is after to 2026-02-01");
        assertThat(page.body()).contains(message);
    }

    @Test
    void a_handlers_own_404_keeps_its_body_because_the_wrapper_marks_every_routed_request() throws Exception {
        HttpResponse<String> api = get(site.base + "/api/v1/tasks/nope");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).isEqualTo("{\"error\":\"no published task with this id\"}");
        HttpResponse<String> file = get(site.base + "/static/nope.css");
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(file.body()).isEqualTo("no such file");
        HttpResponse<String> cron = send(HttpRequest.newBuilder(URI.create(site.base + "/api/cron/nope"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cron.statusCode()).isEqualTo(404);
        assertThat(cron.body()).contains("\"error\":\"no such stage");
        HttpResponse<String> preview = get(site.sandbox + "/run/nope");
        assertThat(preview.statusCode()).isEqualTo(404);
        assertThat(preview.body()).isEqualTo("No runnable answer here.");
        // Only a path no route names gets the fallbacks.
        assertThat(get(site.base + "/no/such/page").body()).contains("There is no page at this address.");
        assertThat(get(site.sandbox + "/no/such/page").body()).isEqualTo("Not found");
    }

    @Test
    void the_fuzzer_knows_every_route_of_the_table() {
        List<String> missing = new ArrayList<>();
        for (Route r : site.site.routes().all()) {
            List<String> fuzzed = r.kind().sandbox() ? HostileRequestsTest.SANDBOX_ROUTES : HostileRequestsTest.ROUTES;
            String want = r.path().replaceAll("\\{[^}]+}|<[^>]+>", "{x}");
            if (!fuzzed.contains(want)) missing.add(r + " (" + want + ")");
        }
        assertThat(missing)
                .as("routes HostileRequestsTest does not send malformed requests to")
                .isEmpty();
    }

    @Test
    void the_handlers_and_the_fast_path_name_an_entry_by_the_same_key() {
        Routes t = site.site.routes();
        assertThat(t.key("h", "/leaderboard", "utm=1&to=2026-01-31&category=game&page=4"))
                .isEqualTo("h|/leaderboard?category=game&to=2026-01-31");
        assertThat(t.key("h", "/leaderboard/", "category=game")).isEqualTo("h|/leaderboard/?category=game");
        assertThat(t.key("h", "/task/abc", "run=s1&page=2")).isEqualTo("h|/task/abc?run=s1");
        assertThat(t.key("h", "/leaderboard", "category=%20game")).isEqualTo("h|/leaderboard?category=game");
        assertThat(t.key("h", "/leaderboard", "category=nope"))
                .as("a value no route can use has no key")
                .isNull();
        assertThat(t.key("h", "/api/v1/days/2026-01-01", null)).isEqualTo("h|/api/v1/days/2026-01-01");
        assertThat(t.key("h", "/battle", null))
                .as("a per-visitor page has no entry")
                .isNull();
        assertThat(t.key("h", "/admin", null)).isNull();
        assertThat(t.key("h", "/no/such/page", null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/task/{id}          | /task/abc         | true",
                "/task/{id}          | /task/abc/        | true",
                "/task/{id}          | /task/            | false",
                "/task/{id}          | /task             | false",
                "/task/{id}          | /task/abc/raw     | false",
                "/answer/{id}/raw    | /answer/a/raw     | true",
                "/answer/{id}/code   | /answer/a/code    | true",
                "/answer/{id}/code   | /answer/a/raw     | false",
                "/leaderboard        | /leaderboard      | true",
                "/leaderboard        | /leaderboards     | false",
                "/                   | /                 | true",
                "/data/files/<path>  | /data/files/a/b.j | true",
                "/data/files/<path>  | /data/files/      | false",
            })
    void a_route_takes_the_paths_javalin_gives_it(String template, String path, boolean taken) {
        Route r = new Route(Route.Kind.PAGE, HandlerType.GET, template, Set.of(), new Route.Answer.Direct(ctx -> {}));
        assertThat(r.matches(path)).isEqualTo(taken);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "CATEGORY | game          | true",
                "CATEGORY | ''            | true",
                "CATEGORY | NULL          | true",
                "CATEGORY | Game          | false",
                "POOL     | simulated     | true",
                "POOL     | all           | false",
                "FROM     | 2026-02-28    | true",
                "FROM     | 2026-02-30    | false",
                "TO       | 2026-1-1      | false",
                "DAY      | 20260101      | false",
                "PAGE     | 1             | true",
                "PAGE     | 0             | false",
                "PAGE     | -1            | false",
                "PAGE     | 99999999999   | false",
                "PAGE     | 2x            | false",
                "RUN      | anything      | true",
            })
    void a_parameter_value_is_usable_or_has_one_reason(Param p, String value, boolean usable) {
        assertThat(p.problem(value) == null)
                .as(p + "=" + value + ": " + p.problem(value))
                .isEqualTo(usable);
    }

    @Test
    void only_a_get_can_be_cached() {
        assertThatThrownBy(() -> new Route(
                        Route.Kind.PAGE, HandlerType.POST, "/x", Set.of(), new Route.Answer.Cached(ctx -> null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
