package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.Serving;
import autobench.config.Config;
import autobench.db.Database;
import autobench.render.ChromiumForTests;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.ChatStub;
import autobench.testing.DebianPostgres;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.web.Site;
import autobench.wiring.Assembly;
import autobench.wiring.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split docs/postgres-roles.md and docs/operations.md describe, end to end on a real PostgreSQL
 * server (Debian's, not the embedded one, which runs as superuser and so proves nothing about
 * rights): a {@code serve --roles web} process connected as the web user, a worker and scheduler
 * process connected as the worker user, and the seed's cron path driven only through the web
 * process's endpoints. The web process queues each stage; the worker takes it; a day is published.
 */
@Tag("slow")
@Tag("postgres")
class DocumentedRoleSplitTest {
    static final String SECRET = "a-long-cron-secret-for-the-split";

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_cron_path_through_a_web_process_as_the_web_user_is_run_by_a_worker_as_the_worker_user_and_publishes_a_day()
            throws Exception {
        ChromiumForTests.require();
        stub.answerAll(ChatStub.ok());
        DebianPostgres pg = DebianPostgres.get();
        String owner = pg.freshOwnedDatabase();
        String webRole = owner + "_web";
        String workerRole = owner + "_worker";
        // The owner runs the migrations, then the two documented scripts: roles as superuser, grants as owner.
        Database.open(pg.url(owner, owner), null, null).close();
        runScript("ops/postgres-roles-create.sql", pg.url("postgres", "postgres"), webRole, workerRole);
        runScript("ops/postgres-roles.sql", pg.url(owner, owner), webRole, workerRole);

        Config asWeb = config(pg.url(owner, webRole));
        Config asWorker = config(pg.url(owner, workerRole));
        try (Assembly worker = TestAssembly.of(asWorker)
                        .roles(Assembly.PIPELINE)
                        .env(Map.of("CRON_SECRET", SECRET))
                        .build();
                Assembly web = TestAssembly.of(asWeb)
                        .roles(EnumSet.of(Role.web))
                        .env(Map.of("CRON_SECRET", SECRET))
                        .build();
                Site site = Serving.start(web.website(), asWeb.web(), "127.0.0.1")) {
            LocalDate today = web.today().date();
            for (String stage : List.of("generate", "dispatch", "render")) {
                HttpResponse<String> asked = post(site, "/api/cron/" + stage);
                assertThat(asked.statusCode()).as(stage + ": " + asked.body()).isEqualTo(202);
                assertThat(asked.body()).contains("\"status\":\"queued\"");
                String id = requestId(asked);
                assertThat(worker.pipeline().workQueue().drain())
                        .as(stage + " is taken by the worker process")
                        .containsExactly(id);
                HttpResponse<String> lookup = get(site, "/api/cron/runs/" + id);
                assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
                assertThat(lookup.body()).as(stage).contains("\"status\":\"done\"");
            }
            assertThat(stub.requests())
                    .as("2 tasks x 2 models, each called once")
                    .isEqualTo(4);
            assertThat(web.storage().providerCalls().get())
                    .as("the web process called nothing")
                    .isZero();
            // Read as the web user, through its Row Level Security: it sees published tasks only.
            List<StoredTask> shown = web.storage().tasks().forDay(today);
            assertThat(shown).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.PUBLISHED));
            HttpResponse<String> page = get(site, "/task/" + shown.get(0).id());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("today's answers are blind").contains("Answer A");
        }
    }

    private Config config(String url) {
        String yaml =
                TestConfigs.base(url, 2).replace("  enabled: false\n", "  enabled: true\n  time_limit_seconds: 15\n")
                        + TestConfigs.stubModel("a", stub.port(), 30)
                        + TestConfigs.stubModel("b", stub.port(), 30)
                        + "cron_secret_env: CRON_SECRET\n"
                        + "web:\n  port: 0\n  sandbox_port: 0\n";
        return TestConfigs.load(tmp, yaml, Map.of("CRON_SECRET", SECRET));
    }

    private HttpResponse<String> post(Site site, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path))
                        .header("x-cron-secret", SECRET)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Site site, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path))
                        .header("x-cron-secret", SECRET)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(HttpResponse<String> r) {
        Matcher m = Pattern.compile("\"request_id\":\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private static void runScript(String file, String url, String web, String worker) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("SET autobench.web_role = '" + web + "'");
            s.execute("SET autobench.worker_role = '" + worker + "'");
            s.execute(Files.readString(Path.of(file)));
        }
    }
}
