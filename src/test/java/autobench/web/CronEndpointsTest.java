package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.cycle.Stage;
import autobench.cycle.StageRuns;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import autobench.wiring.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's cron triggers: only with the secret, each stage once however often called, health and metrics beside them. */
class CronEndpointsTest {
    static final String SECRET = "a-long-cron-secret-for-tests";

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    final HttpClient http = HttpClient.newHttpClient();

    Config config(Store store, boolean withSecret) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), 2) + TestConfigs.stubModel("a", stub.port(), 30)
                + TestConfigs.stubModel("b", stub.port(), 30) + (withSecret ? "cron_secret_env: CRON_SECRET\n" : "")
                + "web:\n  port: 0\n  sandbox_port: 0\n";
        return TestConfigs.load(tmp, yaml, Map.of("CRON_SECRET", SECRET));
    }

    HttpResponse<String> post(Site site, String path, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (secret != null) b.header("x-cron-secret", secret);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Site site, String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_trigger_without_or_with_a_wrong_secret_is_refused_and_changes_nothing(Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true);
        try (Assembly a = TestAssembly.of(c)
                        .env(Map.of("CRON_SECRET", SECRET)::get)
                        .build();
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            for (String stage : new String[] {"generate", "dispatch", "render"}) {
                assertThat(post(site, "/api/cron/" + stage, null).statusCode()).isEqualTo(401);
                HttpResponse<String> wrong = post(site, "/api/cron/" + stage, SECRET + "x");
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.body()).doesNotContain(SECRET);
            }
            assertThat(a.storage().tasks().forDay(a.today().date())).isEmpty();
            assertThat(a.storage().stageRuns().recent(10)).isEmpty();
            assertThat(stub.requests()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void each_trigger_called_twice_runs_its_stage_once_and_the_second_call_says_what_was_done(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true);
        try (Assembly a = TestAssembly.of(c)
                        .env(Map.of("CRON_SECRET", SECRET)::get)
                        .build();
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            HttpResponse<String> early = post(site, "/api/cron/dispatch", SECRET);
            assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
            assertThat(early.body()).contains("not_yet").contains("generate");

            HttpResponse<String> g1 = post(site, "/api/cron/generate", SECRET);
            assertThat(g1.statusCode()).isEqualTo(200);
            assertThat(g1.body()).contains("\"status\":\"done\"").contains("2 tasks");
            HttpResponse<String> g2 = post(site, "/api/cron/generate", SECRET);
            assertThat(g2.body()).contains("already_done").contains("\"trigger\":\"cron\"");
            assertThat(a.storage().tasks().forDay(a.today().date())).hasSize(2);

            HttpResponse<String> d1 = post(site, "/api/cron/dispatch", SECRET);
            assertThat(d1.statusCode()).isEqualTo(202);
            long until = System.currentTimeMillis() + 30_000;
            while (a.storage()
                    .stageRuns()
                    .find(Stage.DISPATCH, a.today().date())
                    .map(r -> r.status() != StageRuns.Status.DONE)
                    .orElse(true)) {
                assertThat(System.currentTimeMillis()).as("dispatch finished").isLessThan(until);
                Thread.sleep(50);
            }
            HttpResponse<String> d2 = post(site, "/api/cron/dispatch", SECRET);
            assertThat(d2.statusCode()).isEqualTo(200);
            assertThat(d2.body()).contains("already_done").contains("4 succeeded");
            assertThat(stub.requests()).as("2 tasks × 2 models, once").isEqualTo(4);

            HttpResponse<String> r = post(site, "/api/cron/render", SECRET);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("\"status\":\"off\"");
            assertThat(post(site, "/api/cron/reboot", SECRET).statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void health_readiness_and_metrics_answer_and_metrics_need_the_secret_when_one_is_set(Store store) throws Exception {
        Config c = config(store, true);
        try (Assembly a = TestAssembly.of(c)
                        .env(Map.of("CRON_SECRET", SECRET)::get)
                        .build();
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            assertThat(get(site, "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(site, "/readyz", null).statusCode()).isEqualTo(200);
            assertThat(get(site, "/metrics", null).statusCode()).isEqualTo(401);
            HttpResponse<String> m = get(site, "/metrics", SECRET);
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.body()).contains("autobench_submissions");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = "SQLITE")
    void without_a_configured_secret_the_triggers_do_not_exist(Store store) throws Exception {
        Config c = config(store, false);
        try (Assembly a = TestAssembly.build(c);
                Site site = Serving.start(a.website(), c.web(), "127.0.0.1")) {
            HttpResponse<String> r = post(site, "/api/cron/generate", "anything");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("cron_secret_env");
            assertThat(a.storage().tasks().forDay(a.today().date())).isEmpty();
        }
    }

    HttpResponse<String> getWithSecret(Site site, String path, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path));
        if (secret != null) b.header("x-cron-secret", secret);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String requestId(HttpResponse<String> r) {
        Matcher m = Pattern.compile("\"request_id\":\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    Assembly process(Config c, Role... roles) {
        return TestAssembly.of(c)
                .roles(EnumSet.of(roles[0], roles))
                .env(Map.of("CRON_SECRET", SECRET))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_web_only_process_queues_each_stage_for_the_workers_and_the_run_lookup_shows_how_it_ended(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true);
        try (Assembly scheduler = process(c, Role.scheduler);
                Assembly worker = process(c, Role.worker);
                Assembly web = process(c, Role.web);
                Site site = Serving.start(web.website(), c.web(), "127.0.0.1")) {
            LocalDate today = web.today().date();
            HttpResponse<String> g = post(site, "/api/cron/generate", SECRET);
            assertThat(g.statusCode()).as(g.body()).isEqualTo(202);
            assertThat(g.body()).contains("\"status\":\"queued\"").contains("queued for a worker");
            String id = requestId(g);
            assertThat(requestId(post(site, "/api/cron/generate", SECRET)))
                    .as("asked twice, queued once")
                    .isEqualTo(id);
            assertThat(getWithSecret(site, "/api/cron/runs/" + id, SECRET).body())
                    .contains("\"status\":\"queued\"");
            assertThat(web.storage().tasks().forDay(today))
                    .as("the web process ran nothing")
                    .isEmpty();

            assertThat(worker.pipeline().workQueue().drain())
                    .as("generate is the scheduler's")
                    .isEmpty();
            assertThat(scheduler.pipeline().workQueue().drain()).containsExactly(id);
            HttpResponse<String> lookup = getWithSecret(site, "/api/cron/runs/" + id, SECRET);
            assertThat(lookup.statusCode()).isEqualTo(200);
            assertThat(lookup.body())
                    .contains("\"status\":\"done\"")
                    .contains("2 tasks")
                    .contains("\"stage_run\"");
            assertThat(post(site, "/api/cron/generate", SECRET).body()).contains("already_done");

            String dispatch = requestId(post(site, "/api/cron/dispatch", SECRET));
            assertThat(stub.requests()).isZero();
            assertThat(worker.pipeline().workQueue().drain()).containsExactly(dispatch);
            assertThat(stub.requests()).as("2 tasks x 2 models, once").isEqualTo(4);
            assertThat(getWithSecret(site, "/api/cron/runs/" + dispatch, SECRET).body())
                    .contains("\"status\":\"done\"")
                    .contains("4 succeeded");
            assertThat(web.storage().providerCalls().get()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void dispatch_asked_of_a_web_only_process_on_a_database_no_worker_opened_is_refused_naming_the_models_table(
            Store store) throws Exception {
        Config c = config(store, true);
        try (Assembly web = process(c, Role.web);
                Site site = Serving.start(web.website(), c.web(), "127.0.0.1")) {
            HttpResponse<String> d = post(site, "/api/cron/dispatch", SECRET);
            assertThat(d.statusCode()).as(d.body()).isEqualTo(409);
            assertThat(d.body()).contains("no_models").contains("models table").contains("--roles worker");
            assertThat(web.storage().workRequests().queued(10))
                    .as("nothing queued that would fail later")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = "SQLITE")
    void the_run_lookup_needs_the_secret_and_answers_404_for_an_unknown_id(Store store) throws Exception {
        Config c = config(store, true);
        try (Assembly web = process(c, Role.web);
                Site site = Serving.start(web.website(), c.web(), "127.0.0.1")) {
            String id = requestId(post(site, "/api/cron/generate", SECRET));
            assertThat(getWithSecret(site, "/api/cron/runs/" + id, null).statusCode())
                    .isEqualTo(401);
            assertThat(getWithSecret(site, "/api/cron/runs/" + id, SECRET + "x").statusCode())
                    .isEqualTo(401);
            assertThat(get(site, "/api/cron/runs/" + id, SECRET).statusCode())
                    .as("bearer works too")
                    .isEqualTo(200);
            assertThat(getWithSecret(site, "/api/cron/runs/no-such-request", SECRET)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = "SQLITE")
    void a_process_with_the_pipeline_runs_a_cron_dispatch_itself_and_the_lookup_shows_it_done(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, true);
        try (Assembly all = process(c, Role.web, Role.worker, Role.scheduler);
                Site site = Serving.start(all.website(), c.web(), "127.0.0.1")) {
            assertThat(post(site, "/api/cron/generate", SECRET).statusCode()).isEqualTo(200);
            HttpResponse<String> d = post(site, "/api/cron/dispatch", SECRET);
            assertThat(d.statusCode()).isEqualTo(202);
            assertThat(d.body()).contains("\"status\":\"started\"");
            String id = requestId(d);
            long until = System.currentTimeMillis() + 30_000;
            while (!getWithSecret(site, "/api/cron/runs/" + id, SECRET).body().contains("\"status\":\"done\"")) {
                assertThat(System.currentTimeMillis()).as("dispatch finished").isLessThan(until);
                Thread.sleep(50);
            }
            assertThat(stub.requests()).isEqualTo(4);
        }
    }
}
