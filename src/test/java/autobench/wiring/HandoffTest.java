package autobench.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.cycle.WorkRequestStore;
import autobench.dispatch.SubmissionStatus;
import autobench.testing.ChatStub;
import autobench.testing.OperatorClient;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.web.Site;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A web-only process and a worker process on one database (two assemblies in one JVM, each with
 * its own identity): what needs a model call is handed from the first to the second through the
 * database, and sent once. {@code cli.HandoffProcessesTest} does it with two real {@code serve}
 * processes on SQLite.
 */
class HandoffTest {
    static final String TOKEN = "an-operator-token-for-the-handoff-test";
    static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    final HttpClient http = HttpClient.newHttpClient();

    Config config(Store store) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), 2) + TestConfigs.stubModel("a", stub.port(), 30)
                + TestConfigs.stubModel("b", stub.port(), 30)
                + "web:\n  port: 0\n  sandbox_port: 0\n  admin_token_env: ADMIN_TOKEN\n";
        return TestConfigs.load(tmp, yaml, Map.of("ADMIN_TOKEN", TOKEN));
    }

    Assembly process(Config c, Role... roles) {
        return TestAssembly.of(c)
                .roles(EnumSet.of(roles[0], roles))
                .env(Map.of("ADMIN_TOKEN", TOKEN))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void
            a_web_only_process_asked_by_an_operator_page_to_resend_an_unknown_answer_sends_nothing_itself_and_a_worker_sends_it_once(
                    Store store) throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store);
        try (Assembly worker = process(c, Role.worker);
                Assembly web = process(c, Role.web);
                Assembly secondWorker = process(c, Role.worker);
                Site site = Serving.start(web.website(), c.web(), "127.0.0.1")) {
            assertThat(web.hasPipeline())
                    .as("a web-only process has no dispatcher and no provider")
                    .isFalse();
            worker.pipeline().dailyCycle().run(DAY);
            String unknown = worker.storage()
                    .submissions()
                    .find(worker.storage().tasks().forDay(DAY).get(0).id(), "b")
                    .orElseThrow()
                    .id();
            worker.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE submissions SET status = 'unknown' WHERE id = ?", unknown));
            int callsBefore = stub.requests();

            String[] s = signIn(site);
            HttpResponse<String> asked = post(
                    site,
                    "/admin/resend-one-confirm",
                    s[0],
                    form("csrf", s[1], "submission", unknown, "confirm", "yes"));
            assertThat(asked.statusCode()).isEqualTo(303);
            HttpResponse<String> audit =
                    get(site, asked.headers().firstValue("Location").orElseThrow(), s[0]);
            assertThat(audit.body()).contains("queued for a worker").contains("sends nothing itself");
            WorkRequestStore.Request queued = awaitQueuedResend(web, unknown);
            assertThat(stub.requests()).as("the web process called no model").isEqualTo(callsBefore);
            assertThat(web.storage().providerCalls().get()).isZero();
            assertThat(web.storage().submissions().byId(unknown).orElseThrow().status())
                    .isEqualTo(SubmissionStatus.UNKNOWN);

            assertThat(worker.pipeline().workQueue().drain()).containsExactly(queued.id());
            assertThat(secondWorker.pipeline().workQueue().drain())
                    .as("claimed once")
                    .isEmpty();
            assertThat(worker.pipeline().workQueue().drain()).isEmpty();

            assertThat(stub.requests()).as("sent once, by the worker").isEqualTo(callsBefore + 1);
            assertThat(worker.storage()
                            .submissions()
                            .byId(unknown)
                            .orElseThrow()
                            .status())
                    .isEqualTo(SubmissionStatus.SUCCEEDED);
            WorkRequestStore.Request done =
                    web.storage().workRequests().find(queued.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(WorkRequestStore.Status.DONE);
            assertThat(done.claimedBy()).isEqualTo(worker.storage().owner());
            assertThat(done.requestedBy()).startsWith("session:");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = "SQLITE")
    void a_second_resend_of_the_same_answer_while_one_is_queued_is_not_queued_twice(Store store) {
        stub.answerAll(ChatStub.ok());
        Config c = config(store);
        try (Assembly worker = process(c, Role.worker);
                Assembly web = process(c, Role.web)) {
            worker.pipeline().dailyCycle().run(DAY);
            String unknown = worker.storage()
                    .submissions()
                    .find(worker.storage().tasks().forDay(DAY).get(0).id(), "a")
                    .orElseThrow()
                    .id();
            worker.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE submissions SET status = 'unknown' WHERE id = ?", unknown));
            int callsBefore = stub.requests();
            assertThat(web.operator().resendOne("cli:test", unknown)).contains("queued for a worker");
            assertThat(web.operator().resendOne("cli:test", unknown)).contains("already queued");
            assertThat(worker.pipeline().workQueue().drain()).hasSize(1);
            assertThat(stub.requests()).isEqualTo(callsBefore + 1);
        }
    }

    private static WorkRequestStore.Request awaitQueuedResend(Assembly web, String submissionId)
            throws InterruptedException {
        // The page answers at once and records the request on a background thread.
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            var open = web.storage().workRequests().openResend(submissionId);
            if (open.isPresent()) return open.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no re-send was queued for " + submissionId);
    }

    HttpResponse<String> get(Site site, String path, String cookie) throws Exception {
        return new OperatorClient(site.port()).get(path, cookie);
    }

    HttpResponse<String> post(Site site, String path, String cookie, Map<String, String> form) throws Exception {
        return new OperatorClient(site.port()).post(path, cookie, form);
    }

    String[] signIn(Site site) throws Exception {
        OperatorClient.Session s = new OperatorClient(site.port()).signIn(TOKEN);
        return new String[] {s.cookie(), s.csrf()};
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
