package autobench.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.config.Config;
import autobench.ops.Verifier;
import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.task.TaskStatus;
import autobench.testing.ChatStub;
import autobench.testing.ChildJava;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What happens when a process dies mid-call, when an operator re-sends, and when money runs out. */
@Tag("slow")
class LeaseAndRecoveryTest {
    static final LocalDate DAY = LocalDate.of(2026, 5, 1);

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_process_killed_mid_call_leaves_unknown_not_a_second_call(Store store) throws Exception {
        stub.answerAll(ChatStub.ok().withFixedDelay(120_000)); // the call is still in flight when we kill the process
        String yaml = TestConfigs.base(store.freshUrl(tmp), 1) + TestConfigs.stubModel("slow", stub.port(), 300);
        Path cfg = TestConfigs.write(tmp, yaml);
        Config c = TestConfigs.load(tmp, yaml, Map.of());
        List<String> cmd =
                new ArrayList<>(ChildJava.app("run-day", "--config", cfg.toString(), "--date", DAY.toString()));
        Process child = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        try (Assembly a = TestAssembly.build(c)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (stub.requests() < 1 && System.currentTimeMillis() < deadline) {
                assertThat(child.isAlive())
                        .as("child run-day died early: %s", Files.readString(tmp.resolve("child.log")))
                        .isTrue();
                Thread.sleep(100);
            }
            assertThat(stub.requests()).as("the child process sent its request").isEqualTo(1);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hook, no cleanup

            // Within the lease, nobody touches the claim.
            assertThat(a.pipeline().dailyCycle().run(DAY).dispatch().requests()).isZero();
            // Hours later, the lease has expired: the claim becomes unknown, and is still not re-sent.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
            try (Assembly b = TestAssembly.of(c).clock(later).build()) {
                assertThat(b.pipeline().dailyCycle().run(DAY).dispatch().requests())
                        .isZero();
                Submission s = b.storage()
                        .submissions()
                        .forTask(b.storage().tasks().forDay(DAY).get(0).id())
                        .get(0);
                assertThat(s.status()).isEqualTo(SubmissionStatus.UNKNOWN);
                assertThat(s.outcome()).isEqualTo(SubmissionOutcome.LEASE_EXPIRED);
                List<LedgerCall> calls = b.storage().ledger().forSubmission(s.id());
                assertThat(calls).singleElement().satisfies(call -> {
                    assertThat(call.outcome()).isEqualTo(CallOutcome.UNKNOWN);
                    assertThat(call.caller()).isNotEqualTo(b.storage().owner());
                });
                Verifier.Report r = b.storage().verifier().run();
                assertThat(r.ok()).isTrue();
                assertThat(r.warnings()).anyMatch(w -> w.contains("unknown"));
            }
            assertThat(stub.requests()).isEqualTo(1);
        } finally {
            child.destroyForcibly();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void an_operator_resend_is_logged_as_a_new_attempt(Store store) {
        AtomicInteger calls = new AtomicInteger();
        Provider failsThenAnswers = p -> calls.incrementAndGet() == 1
                ? Completion.Failed.of(FailureKind.TIMEOUT, "no reply within 30s")
                : new Completion.Answered(
                        "```html\n<canvas></canvas>\n```", "", Finish.STOP, new Usage(5, 5, 0), "v", "{}");
        String yaml = TestConfigs.base(store.freshUrl(tmp), 1) + TestConfigs.stubModel("m", stub.port(), 30);
        Config c = TestConfigs.load(tmp, yaml, Map.of());
        try (Assembly a =
                TestAssembly.of(c).providers(Map.of("m", failsThenAnswers)).build()) {
            a.pipeline().dailyCycle().run(DAY);
            Submission s = a.storage()
                    .submissions()
                    .forTask(a.storage().tasks().forDay(DAY).get(0).id())
                    .get(0);
            assertThat(s.outcome()).isEqualTo(SubmissionOutcome.TIMEOUT);
            assertThat(calls.get())
                    .as("a timeout may have been billed: never retried automatically")
                    .isEqualTo(1);
            assertThat(a.pipeline().dailyCycle().run(DAY).dispatch().requests()).isZero();

            a.pipeline().dispatcher().resend(s.id());
            Submission after = a.storage().submissions().byId(s.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(SubmissionStatus.SUCCEEDED);
            assertThat(a.storage().ledger().forSubmission(s.id()))
                    .extracting(LedgerCall::attempt, LedgerCall::reason)
                    .containsExactly(Tuple.tuple(1, CallReason.FIRST), Tuple.tuple(2, CallReason.OPERATOR_RESEND));
            assertThatThrownBy(() -> a.pipeline().dispatcher().resend(s.id()))
                    .hasMessageContaining("only unknown or failed submissions can be re-sent");
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_daily_budget_stops_new_claims_once_it_would_be_passed(Store store) {
        stub.answerAll(ChatStub.ok());
        // Each call can cost at most 2000 in × $1/M + 1000 out × $2/M = $0.004; the stub's real cost is $0.0008.
        String yaml = TestConfigs.base(store.freshUrl(tmp), 3)
                        .replace("zone: UTC", "zone: UTC\ndaily_budget_usd: 0.005")
                        .replace("max_attempts: 3", "max_attempts: 3\n  max_concurrency: 1")
                + TestConfigs.stubModel("m", stub.port(), 30);
        Config c = TestConfigs.load(tmp, yaml, Map.of());
        try (Assembly a = TestAssembly.build(c)) {
            a.pipeline().dailyTasks().ensure(DAY);
            DispatchReport r = a.pipeline().dispatcher().dispatchDay(DAY);
            assertThat(r.requests()).isEqualTo(2); // 0 + 0.004 ok; 0.0008 + 0.004 ok; 0.0016 + 0.004 > 0.005 stop
            assertThat(r.overBudget()).isEqualTo(1);
            assertThat(a.storage().submissions().countsByStatus()).containsEntry(SubmissionStatus.PENDING, 1);
            assertThat(a.storage().verifier().run().warnings()).anyMatch(w -> w.contains("pending"));
        }
        // The next day has a fresh budget: its run sends yesterday's leftover first, then today's.
        Clock tomorrow = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        try (Assembly a = TestAssembly.of(c).clock(tomorrow).build()) {
            DispatchReport r = a.pipeline().dispatcher().dispatchDay(DAY.plusDays(1));
            assertThat(r.requests()).isEqualTo(1);
            assertThat(a.storage().submissions().countsByStatus()).containsOnlyKeys(SubmissionStatus.SUCCEEDED);
            assertThat(a.storage().tasks().forDay(DAY)).allMatch(t -> t.status() == TaskStatus.DISPATCHED);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrent_calls_reserve_their_worst_case_so_together_they_cannot_pass_the_budget(Store store) {
        stub.answerAll(ChatStub.ok().withFixedDelay(300));
        String yaml =
                TestConfigs.base(store.freshUrl(tmp), 3).replace("zone: UTC", "zone: UTC\ndaily_budget_usd: 0.005")
                        + TestConfigs.stubModel("m", stub.port(), 30);
        try (Assembly a = TestAssembly.build(TestConfigs.load(tmp, yaml, Map.of()))) {
            a.pipeline().dailyTasks().ensure(DAY);
            DispatchReport r = a.pipeline().dispatcher().dispatchDay(DAY);
            assertThat(r.requests()).isEqualTo(1); // all three start together; only one worst case ($0.004) fits
            assertThat(r.overBudget()).isEqualTo(2);
            assertThat(a.storage().ledger().spend(0, Long.MAX_VALUE)).isLessThanOrEqualTo(0.005);
        }
    }
}
