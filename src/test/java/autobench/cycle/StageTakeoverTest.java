package autobench.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.cycle.StageRunner.AlreadyRun;
import autobench.cycle.StageRunner.Outcome;
import autobench.cycle.StageRunner.Ran;
import autobench.cycle.StageRuns.Status;
import autobench.cycle.StageRuns.Trigger;
import autobench.dispatch.CallReason;
import autobench.dispatch.LedgerCall;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionOutcome;
import autobench.dispatch.SubmissionStatus;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.ChatStub;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults the crash test (bench/chaos) found: another process takes a day over when the one running
 * it dies, within one stage lease; and the calls the dead process had in flight neither stay
 * {@code calling} nor keep their tasks from being dispatched.
 */
class StageTakeoverTest {
    static final LocalDate DAY = LocalDate.of(2026, 8, 10);
    static final Instant T0 = Instant.parse("2026-08-10T00:06:00Z");
    static final String DEAD = "dead-host/4242/deadbeef";

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    Config config(Store store, int tasks, String extra) {
        return TestConfigs.load(
                tmp,
                TestConfigs.base(store.freshUrl(tmp), tasks)
                        + TestConfigs.stubModel("a", stub.port(), 30)
                        + TestConfigs.stubModel("b", stub.port(), 30)
                        + extra,
                Map.of());
    }

    static Assembly arena(Config c, Clock clock) {
        return TestAssembly.of(c).clock(clock).build();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_stage_whose_process_stopped_renewing_is_taken_over_after_the_configured_stage_lease(Store store)
            throws Exception {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, 1, "schedule:\n  stage_lease_seconds: 20\n");
        assertThat(c.schedule().stageLease()).isEqualTo(Duration.ofSeconds(20));
        // Process A's two calls hang until the test lets them answer.
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger sentByA = new AtomicInteger();
        Provider held = p -> {
            sentByA.incrementAndGet();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Completion.Answered(
                    "```html\n<canvas></canvas>\n```", "", Finish.STOP, new Usage(5, 5, 0), "v", "{}");
        };
        ManualClock clockA = new ManualClock(T0);
        try (Assembly a = TestAssembly.of(c)
                .clock(clockA)
                .providers(Map.of("a", held, "b", held))
                .build()) {
            assertThat(a.pipeline().stageRunner().run(Stage.GENERATE, DAY, Trigger.SCHEDULE))
                    .isInstanceOf(Ran.class);
            CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(
                    () -> a.pipeline().stageRunner().run(Stage.DISPATCH, DAY, Trigger.SCHEDULE));
            long deadline = System.currentTimeMillis() + 30_000;
            while (sentByA.get() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertThat(sentByA.get()).as("both calls of process A in flight").isEqualTo(2);

            // Process A stopped renewing at T0 (its clock stands still). Within its lease nobody takes the stage...
            try (Assembly b = arena(c, new ManualClock(T0.plusSeconds(19)))) {
                assertThat(b.pipeline().stageRunner().run(Stage.DISPATCH, DAY, Trigger.SCHEDULE))
                        .isInstanceOf(AlreadyRun.class);
            }
            // ...after it, another process does (not five minutes later), and sends nothing A holds.
            ManualClock clockB = new ManualClock(T0.plusSeconds(21));
            try (Assembly b = arena(c, clockB)) {
                Outcome takeover = b.pipeline().stageRunner().run(Stage.DISPATCH, DAY, Trigger.SCHEDULE);
                assertThat(takeover).isInstanceOf(Ran.class);
                assertThat(((Ran) takeover).status())
                        .as("A's calls are still in flight: the stage is not finished")
                        .isEqualTo(Status.STOPPED);
                assertThat(((Ran) takeover).detail()).contains("2 call(s) still held by other processes");
                answer.countDown();
                first.get(30, TimeUnit.SECONDS); // A stores its two answers
                clockB.advance(Duration.ofSeconds(1));
                Outcome again = b.pipeline().stageRunner().run(Stage.DISPATCH, DAY, Trigger.SCHEDULE);
                assertThat(again).isInstanceOf(Ran.class);
                assertThat(((Ran) again).status()).isEqualTo(Status.DONE);
                StoredTask t = b.storage().tasks().forDay(DAY).get(0);
                assertThat(t.status()).isEqualTo(TaskStatus.DISPATCHED);
                assertThat(b.storage().submissions().forTask(t.id()))
                        .extracting(Submission::status)
                        .containsOnly(SubmissionStatus.SUCCEEDED);
            } finally {
                answer.countDown();
            }
            assertThat(sentByA.get()).as("each model called once").isEqualTo(2);
            assertThat(stub.requests()).as("process B sent nothing").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_day_taken_over_from_a_dead_process_is_dispatched_once_its_calls_turn_unknown(Store store) {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, 2, "");
        ManualClock clock = new ManualClock(T0);
        try (Assembly a = arena(c, clock)) {
            a.pipeline().stageRunner().run(Stage.GENERATE, DAY, Trigger.SCHEDULE);
            String held = deadProcessHoldsACall(a, clock, Duration.ofSeconds(30));

            Ran first = (Ran) a.pipeline().stageRunner().run(Stage.DISPATCH, DAY, Trigger.SCHEDULE);
            assertThat(first.status())
                    .as("the dead process's lease has not run out yet")
                    .isEqualTo(Status.STOPPED);
            assertThat(stub.requests()).as("every other (task, model) called").isEqualTo(3);
            assertThat(a.storage().submissions().byId(held).orElseThrow().status())
                    .isEqualTo(SubmissionStatus.CALLING);

            clock.advance(Duration.ofSeconds(31));
            Ran second = (Ran) a.pipeline().stageRunner().run(Stage.DISPATCH, DAY, Trigger.SCHEDULE);
            assertThat(second.status()).isEqualTo(Status.DONE);
            Submission s = a.storage().submissions().byId(held).orElseThrow();
            assertThat(s.status()).isEqualTo(SubmissionStatus.UNKNOWN);
            assertThat(s.outcome()).isEqualTo(SubmissionOutcome.LEASE_EXPIRED);
            assertThat(a.storage().tasks().forDay(DAY))
                    .extracting(StoredTask::status)
                    .containsOnly(TaskStatus.DISPATCHED);
            assertThat(stub.requests()).as("the unknown call is not sent again").isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_worker_tick_marks_calls_of_a_dead_process_unknown_even_after_their_day_is_done(Store store) {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, 1, "schedule:\n  catch_up_days: 0\n");
        ManualClock clock = new ManualClock(T0);
        try (Assembly a = arena(c, clock)) {
            a.pipeline().stageRunner().run(Stage.GENERATE, DAY, Trigger.SCHEDULE);
            String held = deadProcessHoldsACall(a, clock, Duration.ofSeconds(5));
            // The day's dispatch was recorded as finished while the dead process still held a call.
            assertThat(a.storage()
                            .stageRuns()
                            .claim(Stage.DISPATCH, DAY, Trigger.SCHEDULE, DEAD, clock.millis() + 5_000, clock.millis()))
                    .isTrue();
            a.storage()
                    .stageRuns()
                    .finish(Stage.DISPATCH, DAY, DEAD, Status.DONE, "finished elsewhere", clock.millis());

            clock.advance(Duration.ofSeconds(6));
            Scheduler worker = new Scheduler(
                    a.pipeline().stageRunner(),
                    a.config().schedule(),
                    a.config().zone(),
                    clock,
                    EnumSet.of(Stage.DISPATCH, Stage.RENDER));
            worker.tick();
            assertThat(a.storage().submissions().byId(held).orElseThrow().status())
                    .isEqualTo(SubmissionStatus.UNKNOWN);
            assertThat(a.storage().submissions().countsByStatus()).doesNotContainKey(SubmissionStatus.CALLING);
            assertThat(stub.requests()).isZero();
        }
    }

    /** A (task, model) claimed by a process that then died, with its ledger row written: as after kill -9 mid-call. */
    private static String deadProcessHoldsACall(Assembly a, ManualClock clock, Duration lease) {
        StoredTask t = a.storage().tasks().forDay(DAY).get(0);
        a.storage().submissions().createPending(t.id(), "a", clock.millis());
        String id = a.storage().submissions().find(t.id(), "a").orElseThrow().id();
        assertThat(a.storage().submissions().claim(id, DEAD, clock.millis() + lease.toMillis(), clock.millis()))
                .isTrue();
        assertThat(a.storage()
                        .ledger()
                        .begin(new LedgerCall.Start("call-" + id, id, 1, "a", DEAD, CallReason.FIRST), clock.millis()))
                .isTrue();
        return id;
    }
}
