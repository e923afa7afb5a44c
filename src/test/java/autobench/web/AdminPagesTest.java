package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.admin.OperatorTest;
import autobench.cli.Serving;
import autobench.config.Config;
import autobench.rating.Outcome;
import autobench.testing.ChatStub;
import autobench.testing.OperatorClient;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.vote.CastResult;
import autobench.wiring.Assembly;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator pages over HTTP: sign-in, session cookie, CSRF, the actions, no caching; and the public download page. */
class AdminPagesTest {
    static final String TOKEN = "operator-token-for-tests-0123456789";

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    final HttpClient http = HttpClient.newHttpClient();

    Config config(Store store, boolean withToken, String extraWeb) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), 2) + TestConfigs.stubModel("a", stub.port(), 30)
                + TestConfigs.stubModel("b", stub.port(), 30)
                + "web:\n  port: 0\n  sandbox_port: 0\n" + (withToken ? "  admin_token_env: ADMIN_TOKEN\n" : "")
                + extraWeb;
        return TestConfigs.load(tmp, yaml, Map.of("ADMIN_TOKEN", TOKEN));
    }

    static Assembly arena(Config c) {
        return TestAssembly.of(c).env(Map.of("ADMIN_TOKEN", TOKEN)::get).build();
    }

    HttpResponse<String> get(Site site, String path, String cookie) throws Exception {
        return new OperatorClient(site.port()).get(path, cookie);
    }

    HttpResponse<String> post(Site site, String path, String cookie, Map<String, String> form) throws Exception {
        return new OperatorClient(site.port()).post(path, cookie, form);
    }

    /** Signs in; returns the cookie header value and the CSRF token of the operator page. */
    String[] signIn(Site site) throws Exception {
        OperatorClient.Session s = new OperatorClient(site.port()).signIn(TOKEN);
        assertThat(s.setCookie())
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/admin")
                .contains("Max-Age=");
        return new String[] {s.cookie(), s.csrf()};
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void without_a_configured_token_the_operator_pages_answer_404_and_say_how_to_turn_them_on(Store store)
            throws Exception {
        Config c = config(store, false, "");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            HttpResponse<String> page = get(site, "/admin", null);
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("web.admin_token_env");
            assertThat(post(site, "/admin/login", null, form("token", TOKEN)).statusCode())
                    .isEqualTo(404);
            assertThat(post(site, "/admin/disable-model", null, form("model", "a"))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(a.storage().models().disabledIds()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void sign_in_is_refused_with_a_wrong_or_missing_token_and_gives_no_session(Store store) throws Exception {
        Config c = config(store, true, "");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            HttpResponse<String> login = get(site, "/admin", null);
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(login.body()).contains("Operator sign-in");
            for (Map<String, String> f :
                    new Map[] {form(), form("token", ""), form("token", TOKEN + "x"), form("token", TOKEN.substring(1))
                    }) {
                HttpResponse<String> r = post(site, "/admin/login", null, f);
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.body()).contains("Wrong or missing token").doesNotContain(TOKEN);
                assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
            }
            // A made-up session cookie is no session either.
            assertThat(get(site, "/admin", "ab_admin=" + "ab".repeat(32)).statusCode())
                    .isEqualTo(401);
            long sessions = a.storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admin_sessions")
                            .mapTo(Long.class)
                            .one());
            assertThat(sessions).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_post_without_or_with_a_wrong_csrf_token_changes_nothing(Store store) throws Exception {
        Config c = config(store, true, "");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            String[] s = signIn(site);
            String[] other = signIn(site); // another session's token is a wrong token here
            for (Map<String, String> f : new Map[] {
                form("model", "a"), form("model", "a", "csrf", "0".repeat(64)), form("model", "a", "csrf", other[1])
            }) {
                if (f.containsKey("csrf") && f.get("csrf").equals(s[1])) continue;
                HttpResponse<String> r = post(site, "/admin/disable-model", s[0], f);
                assertThat(r.statusCode()).isEqualTo(403);
                assertThat(r.body()).contains("CSRF token is missing or does not belong to your session");
            }
            assertThat(post(site, "/admin/disable-model", null, form("model", "a", "csrf", s[1]))
                            .statusCode())
                    .as("no session at all")
                    .isEqualTo(401);
            assertThat(a.storage().models().disabledIds()).isEmpty();
            assertThat(a.operator().audit(10)).isEmpty();

            HttpResponse<String> ok = post(site, "/admin/disable-model", s[0], form("model", "a", "csrf", s[1]));
            assertThat(ok.statusCode()).isEqualTo(303);
            assertThat(a.storage().models().disabledIds()).containsExactly("a");
            assertThat(a.operator().audit(10)).singleElement().satisfies(row -> {
                assertThat(row.action()).isEqualTo("disable_model");
                assertThat(row.actor()).startsWith("session:");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void signed_in_actions_change_the_public_site_at_once_and_no_operator_page_is_ever_cached(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true, "");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            a.pipeline().dailyCycle().run(a.today().date());
            OperatorTest.publish(a);
            String taskId = a.storage().tasks().forDay(a.today().date()).get(0).id();
            String hidden =
                    a.storage().submissions().find(taskId, "a").orElseThrow().id();
            assertThat(get(site, "/api/v1/tasks/" + taskId, null).body()).contains(hidden);
            assertThat(get(site, "/task/" + taskId, null).body()).contains(hidden); // now cached

            String[] s = signIn(site);
            assertThat(post(site, "/admin/hide", s[0], form("csrf", s[1], "submission", hidden))
                            .statusCode())
                    .isEqualTo(303);
            assertThat(get(site, "/api/v1/tasks/" + taskId, null).body()).doesNotContain(hidden);
            assertThat(get(site, "/task/" + taskId, null).body()).doesNotContain(hidden);
            assertThat(get(site, "/api/v1/submissions/" + hidden, null).statusCode())
                    .isEqualTo(404);

            for (String path : new String[] {"/admin", "/admin/audit", "/admin/integrity"}) {
                HttpResponse<String> first = get(site, path, s[0]);
                assertThat(first.statusCode()).as(path).isEqualTo(200);
                assertThat(first.headers().firstValue("Cache-Control")).as(path).contains("no-store");
                assertThat(first.headers().firstValue("ETag")).as(path).isEmpty();
                // Without the cookie the same URL is the sign-in page, never a cached copy of the signed-in one.
                HttpResponse<String> anonymous = get(site, path, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.body()).doesNotContain(s[1]);
            }
            assertThat(get(site, "/admin/audit", s[0]).body())
                    .contains("hide")
                    .contains(hidden)
                    .contains("{\"hidden\":true}");
            assertThat(get(site, "/admin/integrity", s[0]).body())
                    .contains("Duplicate submissions")
                    .contains("cost today")
                    .contains("projected month");

            HttpResponse<String> out = post(site, "/admin/logout", s[0], form("csrf", s[1]));
            assertThat(out.statusCode()).isEqualTo(200);
            assertThat(get(site, "/admin", s[0]).statusCode())
                    .as("the session is gone")
                    .isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_votes_section_lists_networks_with_their_lean_and_a_button_voids_one_network_and_is_audited(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true, "voting: {min_view_seconds: 0}\n");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            a.pipeline().dailyCycle().run(a.today().date());
            OperatorTest.publish(a);
            for (int i = 1; i <= 6; i++) {
                var b = a.website()
                        .battles()
                        .issue("cookie-" + i, "203.0.113." + i)
                        .orElseThrow();
                assertThat(a.website().battles().cast(b.token(), "cookie-" + i, Outcome.RIGHT, "203.0.113." + i))
                        .isInstanceOf(CastResult.Accepted.class);
            }
            String network = a.website().battles().networkHashOf("203.0.113.0");

            String[] s = signIn(site);
            String page = get(site, "/admin", s[0]).body();
            assertThat(page)
                    .contains("Networks with the most counted votes")
                    .contains(network.substring(0, 12) + "…")
                    .contains("name=\"network\" value=\"" + network + "\"")
                    .contains(" of 6 (")
                    .doesNotContain("203.0.113");
            assertThat(post(site, "/admin/void-network", s[0], form("csrf", s[1], "network", network))
                            .statusCode())
                    .isEqualTo(303);

            assertThat(a.storage().votes().all()).isEmpty();
            assertThat(get(site, "/admin/audit", s[0]).body())
                    .contains("void_network_votes")
                    .contains(network);
            assertThat(post(site, "/admin/void-network", s[0], form("csrf", s[1], "network", "203.0.113.1"))
                            .statusCode())
                    .as("a bad network changes nothing")
                    .isNotEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_bulk_resend_page_shows_count_and_cost_and_sends_nothing_without_the_confirmation(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true, "");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            a.pipeline().dailyCycle().run(a.today().date());
            String unknown = a.storage()
                    .submissions()
                    .find(a.storage().tasks().forDay(a.today().date()).get(0).id(), "b")
                    .orElseThrow()
                    .id();
            a.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE submissions SET status = 'unknown' WHERE id = ?", unknown));
            int calls = stub.requests();
            String[] s = signIn(site);

            HttpResponse<String> estimate = post(
                    site,
                    "/admin/resend",
                    s[0],
                    form("csrf", s[1], "day", a.today().date().toString()));
            assertThat(estimate.statusCode()).isEqualTo(200);
            assertThat(estimate.body())
                    .contains("<strong>1</strong> submission(s)")
                    .contains(unknown)
                    .contains("Expected cost")
                    .contains("upper bound");
            HttpResponse<String> noConfirm = post(
                    site,
                    "/admin/resend-confirm",
                    s[0],
                    form("csrf", s[1], "day", a.today().date().toString(), "count", "1"));
            assertThat(noConfirm.statusCode()).isEqualTo(400);
            HttpResponse<String> wrongCount = post(
                    site,
                    "/admin/resend-confirm",
                    s[0],
                    form("csrf", s[1], "day", a.today().date().toString(), "count", "3", "confirm", "yes"));
            assertThat(wrongCount.statusCode()).isEqualTo(400);
            assertThat(wrongCount.body()).contains("confirmation was for 3");
            assertThat(stub.requests()).isEqualTo(calls);
            assertThat(a.storage()
                            .submissions()
                            .byId(unknown)
                            .orElseThrow()
                            .status()
                            .wireName())
                    .isEqualTo("unknown");

            HttpResponse<String> one = post(site, "/admin/resend-one", s[0], form("csrf", s[1], "submission", unknown));
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(one.body()).contains("Re-send submission " + unknown).contains("/admin/resend-one-confirm");
            assertThat(post(site, "/admin/resend-one-confirm", s[0], form("csrf", s[1], "submission", unknown))
                            .statusCode())
                    .as("no confirmation")
                    .isEqualTo(400);
            assertThat(stub.requests()).isEqualTo(calls);

            HttpResponse<String> go = post(
                    site,
                    "/admin/resend-confirm",
                    s[0],
                    form("csrf", s[1], "day", a.today().date().toString(), "count", "1", "confirm", "yes"));
            assertThat(go.statusCode()).isEqualTo(303);
            long until = System.currentTimeMillis() + 20_000;
            while (a.operator().audit(5).stream().noneMatch(r -> r.action().equals("resend_day"))) {
                assertThat(System.currentTimeMillis())
                        .as("the re-send finished")
                        .isLessThan(until);
                Thread.sleep(50);
            }
            assertThat(stub.requests()).isEqualTo(calls + 1);
            assertThat(a.storage()
                            .submissions()
                            .byId(unknown)
                            .orElseThrow()
                            .status()
                            .wireName())
                    .isEqualTo("succeeded");
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_download_page_lists_the_latest_export_and_serves_only_its_manifest_files(Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        Path shelf = Files.createDirectories(tmp.resolve("exports"));
        Files.writeString(tmp.resolve("secret.txt"), "not for download");
        Config c = config(store, false, "  export_dir: \"" + shelf + "\"\n");
        try (Assembly a = arena(c)) {
            a.pipeline().dailyCycle().run(a.today().date());
            a.storage().newExporter("test").export(shelf.resolve("2026-old"), null, null);
            Thread.sleep(5);
            var manifest = a.storage().newExporter("test").export(shelf.resolve("2026-new"), null, null);
            try (Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
                HttpResponse<String> page = get(site, "/data", null);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body())
                        .contains("./autobench export")
                        .contains("tasks.jsonl")
                        .contains(manifest.exportedAt());
                var tasks = manifest.files().stream()
                        .filter(f -> f.path().equals("tasks.jsonl"))
                        .findFirst()
                        .orElseThrow();
                assertThat(page.body()).contains(tasks.sha256());

                HttpResponse<String> file = get(site, "/data/files/tasks.jsonl", null);
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body()).isEqualTo(Files.readString(shelf.resolve("2026-new/tasks.jsonl")));
                assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                        .contains("attachment");
                assertThat(get(site, "/data/files/manifest.json", null).body()).contains(manifest.exportedAt());

                for (String bad : new String[] {
                    "../secret.txt",
                    "..%2Fsecret.txt",
                    "%2e%2e/%2e%2e/secret.txt",
                    "../../secret.txt",
                    "2026-new/tasks.jsonl",
                    "/etc/passwd",
                    "%2Fetc%2Fpasswd",
                    "artifacts/../../secret.txt"
                }) {
                    HttpResponse<String> r = get(site, "/data/files/" + bad, null);
                    assertThat(r.statusCode()).as(bad).isIn(400, 404);
                    assertThat(r.body())
                            .as(bad)
                            .doesNotContain("not for download")
                            .doesNotContain("root:");
                }
            }
        }
    }

    @Test
    void without_an_export_directory_the_download_page_explains_how_to_offer_one() throws Exception {
        Config c = config(Store.SQLITE, false, "");
        try (Assembly a = arena(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            HttpResponse<String> page = get(site, "/data", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("web.export_dir").contains("./autobench export --out");
            assertThat(get(site, "/", null).body()).contains("href=\"/data\"");
            assertThat(get(site, "/data/files/tasks.jsonl", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void operator_paths_are_never_kept_by_the_page_cache() {
        assertThat(PageCache.operatorPage("/admin")).isTrue();
        assertThat(PageCache.operatorPage("127.0.0.1|/admin/audit")).isTrue();
        assertThat(PageCache.operatorPage("/admin?notice=x")).isTrue();
        assertThat(PageCache.operatorPage("/administrator-guide")).isFalse();
        assertThat(PageCache.operatorPage("/task/1")).isFalse();
        PageCache cache = new PageCache(new DataVersion(() -> 1, () -> 0, 1000), true);
        cache.entry("/admin", () -> Response.html("secret"));
        cache.entry("/leaderboard", () -> Response.html("public"));
        assertThat(cache.kept("/admin")).isNull();
        assertThat(cache.kept("/leaderboard")).isNotNull();
    }
}
