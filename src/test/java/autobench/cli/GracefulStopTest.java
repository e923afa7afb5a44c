package autobench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.cycle.Stage;
import autobench.cycle.StageRuns;
import autobench.dispatch.CallOutcome;
import autobench.dispatch.LedgerCall;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.testing.ChatStub;
import autobench.testing.ChildJava;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SIGTERM to a real run-day process in the middle of its calls: nothing is lost and nothing is paid twice. */
@Tag("slow")
class GracefulStopTest {
    static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    @ParameterizedTest
    @EnumSource(Store.class)
    void sigterm_during_calls_lets_them_finish_leaves_nothing_calling_and_the_rest_pending(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok().withFixedDelay(2_000));
        // 4 tasks × 2 models, 2 calls at a time: when the signal comes, 2 are in flight and 6 wait.
        String yaml = TestConfigs.base(store.freshUrl(tmp), 4)
                        .replace("max_attempts: 3", "max_attempts: 3\n  max_concurrency: 2")
                + TestConfigs.stubModel("m1", stub.port(), 30)
                + TestConfigs.stubModel("m2", stub.port(), 30);
        Path cfg = TestConfigs.write(tmp, yaml);
        Config c = TestConfigs.load(tmp, yaml, Map.of());
        Process child = runDay(cfg);
        long deadline = System.currentTimeMillis() + 60_000;
        while (stub.requests() < 2 && System.currentTimeMillis() < deadline) {
            assertThat(child.isAlive()).as("run-day died early: %s", log()).isTrue();
            Thread.sleep(50);
        }
        assertThat(stub.requests()).as("two calls in flight").isEqualTo(2);
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(60, TimeUnit.SECONDS))
                .as("run-day exits within the grace period")
                .isTrue();
        assertThat(child.exitValue())
                .as("exit status of a process stopped by SIGTERM; log: %s", log())
                .isEqualTo(128 + 15);
        assertThat(log()).contains("stopping").contains("Stopped early");

        try (Assembly a = TestAssembly.build(c)) {
            List<Submission> subs = new ArrayList<>();
            a.storage()
                    .tasks()
                    .forDay(DAY)
                    .forEach(t -> subs.addAll(a.storage().submissions().forTask(t.id())));
            assertThat(subs)
                    .hasSize(8)
                    .noneMatch(s -> s.status() == SubmissionStatus.CALLING || s.status() == SubmissionStatus.UNKNOWN);
            assertThat(subs)
                    .filteredOn(s -> s.status() == SubmissionStatus.SUCCEEDED)
                    .as("the calls in flight finished and were stored")
                    .hasSize(stub.requests());
            assertThat(subs)
                    .filteredOn(s -> s.status() == SubmissionStatus.PENDING)
                    .hasSize(8 - stub.requests());
            for (Submission s : subs) {
                List<LedgerCall> calls = a.storage().ledger().forSubmission(s.id());
                if (s.status() == SubmissionStatus.PENDING) assertThat(calls).isEmpty();
                else
                    assertThat(calls)
                            .singleElement()
                            .extracting(LedgerCall::outcome)
                            .isEqualTo(CallOutcome.ANSWERED);
            }
            int before = stub.requests();
            // Running the day again finishes it, and sends nothing that was already answered. The
            // delay was for the calls in flight at the signal; the six left need none (6 s saved).
            stub.answerAll(ChatStub.ok());
            assertThat(a.pipeline().dailyCycle().run(DAY).dispatch().requests()).isEqualTo(8 - before);
            assertThat(stub.requests()).isEqualTo(8);
            assertThat(a.storage().verifier().run().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void sigterm_to_serve_records_the_running_stage_as_stopped_before_closing_the_database(Store store)
            throws Exception {
        // Found by bench/chaos: serve closed the database while its scheduler thread was still
        // finishing the dispatch stage, so the run stayed 'running' until its lease ran out.
        stub.answerAll(ChatStub.ok().withFixedDelay(2_000));
        String url = store.freshUrl(tmp);
        String yaml = TestConfigs.base(url, 2).replace("max_attempts: 3", "max_attempts: 3\n  max_concurrency: 2")
                + TestConfigs.stubModel("m1", stub.port(), 30) + TestConfigs.stubModel("m2", stub.port(), 30)
                + "schedule: {generate_at: \"00:00\", dispatch_at: \"00:00\", render_at: \"00:00\", catch_up_days: 0}\n";
        Path cfg = TestConfigs.write(tmp, yaml);
        Config c = TestConfigs.load(tmp, yaml, Map.of());
        // The child's scheduler works on its own today; a run that crosses midnight UTC finds it on the next day.
        LocalDate started = LocalDate.now(ZoneOffset.UTC);
        List<String> cmd = ChildJava.app("serve", "--config", cfg.toString(), "--roles", "worker,scheduler");
        Process child = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (stub.requests() < 2 && System.currentTimeMillis() < deadline) {
                assertThat(child.isAlive()).as("serve died early: %s", log()).isTrue();
                Thread.sleep(50);
            }
            assertThat(stub.requests()).as("two calls in flight").isEqualTo(2);
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("serve exits within the grace period")
                    .isTrue();
            assertThat(child.exitValue()).as("log: %s", log()).isEqualTo(128 + 15);
            assertThat(log()).doesNotContain("has been closed").doesNotContain("ERROR");
        } finally {
            child.destroyForcibly();
        }
        try (Assembly a = TestAssembly.build(c)) {
            var run = a.storage()
                    .stageRuns()
                    .find(Stage.DISPATCH, started)
                    .or(() -> a.storage().stageRuns().find(Stage.DISPATCH, started.plusDays(1)))
                    .orElseThrow();
            assertThat(run.status())
                    .as("the dispatch run records the stop; another process may take it over at once")
                    .isEqualTo(StageRuns.Status.STOPPED);
            assertThat(run.finishedAt()).isNotNull();
            assertThat(a.storage().submissions().countsByStatus())
                    .doesNotContainKey(SubmissionStatus.CALLING)
                    .doesNotContainKey(SubmissionStatus.UNKNOWN)
                    .containsEntry(SubmissionStatus.SUCCEEDED, 2);
        }
    }

    private Process runDay(Path cfg) throws Exception {
        List<String> cmd = ChildJava.app("run-day", "--config", cfg.toString(), "--date", DAY.toString());
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
    }

    private String log() throws Exception {
        return Files.readString(tmp.resolve("child.log"));
    }
}
