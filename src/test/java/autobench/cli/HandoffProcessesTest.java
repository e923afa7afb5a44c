package autobench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.dispatch.SubmissionStatus;
import autobench.testing.ChatStub;
import autobench.testing.ChildJava;
import autobench.testing.OperatorClient;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import autobench.wiring.Role;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-off of issue 17 between two real operating-system processes on one SQLite file: a
 * {@code serve --roles web} process, asked by an operator page to re-send an {@code unknown}
 * answer, queues it and calls no model; a {@code serve --roles worker} process started after it
 * takes the request on its first tick and sends it once. {@code wiring.HandoffTest} shows the same
 * with two assemblies in one JVM, on both databases, with a second worker racing for the claim.
 */
@Tag("slow")
class HandoffProcessesTest {
    static final String TOKEN = "an-operator-token-for-the-two-process-test";
    static final LocalDate DAY = LocalDate.of(2026, 5, 4);
    static final Pattern SERVING = Pattern.compile("serving at\\s+http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    final HttpClient http = HttpClient.newHttpClient();
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) p.destroy();
        for (Process p : children) if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    }

    @Test
    void a_web_only_serve_process_asked_to_resend_an_unknown_answer_sends_nothing_and_a_worker_process_sends_it_once()
            throws Exception {
        stub.answerAll(ChatStub.ok());
        String url = Store.SQLITE.freshUrl(tmp);
        // Nothing of today is due in either process: the only model call the worker may make is the re-send.
        String yaml = TestConfigs.base(url, 1)
                + TestConfigs.stubModel("a", stub.port(), 30)
                + TestConfigs.stubModel("b", stub.port(), 30)
                + "schedule:\n  dispatch_at: \"23:59:59\"\n  render_at: \"23:59:59\"\n  catch_up_days: 0\n"
                + "web:\n  port: 0\n  sandbox_port: 0\n  admin_token_env: ADMIN_TOKEN\n";
        Path cfg = TestConfigs.write(tmp, yaml);
        String unknown = aDayWithOneUnknownAnswer(TestConfigs.load(tmp, yaml, Map.of("ADMIN_TOKEN", TOKEN)));
        int callsBefore = stub.requests();

        Process web = serve(cfg, "web");
        int port = awaitPort(web, "web");
        String[] s = signIn(port);
        HttpResponse<String> asked = post(
                port,
                "/admin/resend-one-confirm",
                s[0],
                "csrf=" + s[1] + "&submission=" + URLEncoder.encode(unknown, StandardCharsets.UTF_8) + "&confirm=yes");
        assertThat(asked.statusCode()).isEqualTo(303);
        assertThat(get(port, asked.headers().firstValue("Location").orElseThrow(), s[0])
                        .body())
                .contains("queued for a worker")
                .contains("sends nothing itself");
        String request =
                await(url, "SELECT id FROM work_requests WHERE kind = 'resend' AND submission_id = ?", unknown);
        assertThat(stub.requests()).as("the web process called no model").isEqualTo(callsBefore);
        assertThat(status(url, unknown)).isEqualTo(SubmissionStatus.UNKNOWN.wireName());

        Process worker = serve(cfg, "worker");
        String outcome =
                await(url, "SELECT status FROM work_requests WHERE id = ? AND status IN ('done', 'failed')", request);
        assertThat(outcome).as("the worker's log:\n%s", log("worker")).isEqualTo("done");
        assertThat(stub.requests()).as("sent once, by the worker").isEqualTo(callsBefore + 1);
        assertThat(status(url, unknown)).isEqualTo(SubmissionStatus.SUCCEEDED.wireName());
        assertThat(one(url, "SELECT claimed_by FROM work_requests WHERE id = ?", request))
                .as("claimed by the worker process")
                .contains("/" + worker.pid() + "/");
        assertThat(one(url, "SELECT COUNT(*) FROM provider_calls WHERE submission_id = ?", unknown))
                .as("the ledger: the first call and the one re-send")
                .isEqualTo("2");

        for (Process p : List.of(web, worker)) {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stub.requests()).as("nothing sent after").isEqualTo(callsBefore + 1);
        assertThat(log("web")).doesNotContain("Exception");
        assertThat(log("worker")).doesNotContain("Exception");
    }

    /** The day is dispatched here, in the test's JVM; then one answer is marked as a call whose end is unknown. */
    private static String aDayWithOneUnknownAnswer(Config c) {
        try (Assembly setUp = TestAssembly.of(c)
                .roles(EnumSet.of(Role.scheduler, Role.worker))
                .build()) {
            setUp.pipeline().dailyCycle().run(DAY);
            String id = setUp.storage()
                    .submissions()
                    .find(setUp.storage().tasks().forDay(DAY).get(0).id(), "b")
                    .orElseThrow()
                    .id();
            setUp.storage()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.execute("UPDATE submissions SET status = 'unknown' WHERE id = ?", id));
            return id;
        }
    }

    private Process serve(Path cfg, String role) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildJava.app(
                        "serve", "--roles", role, "--config", cfg.toString(), "--port", "0", "--sandbox-port", "0"))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(role + ".log").toFile());
        pb.environment().put("ADMIN_TOKEN", TOKEN);
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private int awaitPort(Process p, String role) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            assertThat(p.isAlive()).as("%s died: %s", role, log(role)).isTrue();
            Matcher m = SERVING.matcher(log(role));
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(50);
        }
        throw new AssertionError(role + " did not start serving: " + log(role));
    }

    private String log(String role) throws Exception {
        Path p = tmp.resolve(role + ".log");
        return Files.exists(p) ? Files.readString(p) : "(no log)";
    }

    private static String await(String url, String sql, String arg) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            String v = one(url, sql, arg);
            if (v != null) return v;
            Thread.sleep(50);
        }
        throw new AssertionError("nothing for " + sql + " with " + arg);
    }

    private static String status(String url, String submissionId) throws Exception {
        return one(url, "SELECT status FROM submissions WHERE id = ?", submissionId);
    }

    private static String one(String url, String sql, String arg) throws Exception {
        try (Connection db = DriverManager.getConnection(url);
                PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        return new OperatorClient(port).get(path, cookie);
    }

    private HttpResponse<String> post(int port, String path, String cookie, String form) throws Exception {
        return new OperatorClient(port).post(path, cookie, form);
    }

    private String[] signIn(int port) throws Exception {
        OperatorClient.Session s = new OperatorClient(port).signIn(TOKEN);
        return new String[] {s.cookie(), s.csrf()};
    }
}
