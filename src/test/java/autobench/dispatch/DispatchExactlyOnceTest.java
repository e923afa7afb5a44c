package autobench.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.cycle.DailyCycle;
import autobench.ops.Verifier;
import autobench.task.TaskStatus;
import autobench.testing.ChatStub;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The promise users pay for: one request per (task, model), whatever runs twice or races. */
class DispatchExactlyOnceTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    Config config(Store store, int tasks, String... modelIds) {
        StringBuilder y = new StringBuilder(TestConfigs.base(store.freshUrl(tmp), tasks));
        for (String id : modelIds) y.append(TestConfigs.stubModel(id, stub.port(), 30));
        return TestConfigs.load(tmp, y.toString(), Map.of());
    }

    static Assembly arena(Config c, Clock clock, Sleeper sleeper) {
        return TestAssembly.of(c).clock(clock).sleeper(sleeper).build();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void running_the_same_day_twice_sends_no_second_request(Store store) {
        stub.answerAll(ChatStub.ok());
        Config c = config(store, 3, "alpha", "beta");
        try (Assembly a = arena(c, Clock.systemUTC(), Sleeper.REAL)) {
            DailyCycle.Result first = a.pipeline().dailyCycle().run(DAY);
            assertThat(first.dispatch().requests()).isEqualTo(6);
            DailyCycle.Result second = a.pipeline().dailyCycle().run(DAY);
            assertThat(second.dispatch().requests()).isZero();
        }
        try (Assembly fresh = arena(c, Clock.systemUTC(), Sleeper.REAL)) { // a restart is no different
            assertThat(fresh.pipeline().dailyCycle().run(DAY).dispatch().requests())
                    .isZero();
            assertThat(stub.requests()).isEqualTo(6);
            Verifier.Report r = fresh.storage().verifier().run();
            assertThat(r.ok()).isTrue();
            assertThat(r.duplicateSubmissions()).isEmpty();
            assertThat(r.callsPerSubmission()).containsExactly(Map.entry(1, 6));
            assertThat(fresh.storage().tasks().forDay(DAY)).allMatch(t -> t.status() == TaskStatus.DISPATCHED);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void two_dispatchers_racing_on_one_database_never_call_a_model_twice_for_one_task(Store store) throws Exception {
        stub.answerAll(ChatStub.ok().withFixedDelay(50));
        Config c = config(store, 3, "m1", "m2", "m3", "m4");
        try (Assembly a = arena(c, Clock.systemUTC(), Sleeper.REAL);
                Assembly b = arena(c, Clock.systemUTC(), Sleeper.REAL)) {
            a.pipeline().dailyTasks().ensure(DAY);
            for (int round = 0; round < 3; round++) {
                CyclicBarrier go = new CyclicBarrier(2);
                try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                    Future<DispatchReport> fa = pool.submit(() -> {
                        go.await();
                        return a.pipeline().dispatcher().dispatchDay(DAY);
                    });
                    Future<DispatchReport> fb = pool.submit(() -> {
                        go.await();
                        return b.pipeline().dispatcher().dispatchDay(DAY);
                    });
                    int sent = fa.get().requests() + fb.get().requests();
                    assertThat(sent).isEqualTo(round == 0 ? 12 : 0);
                }
            }
            assertThat(stub.requests()).isEqualTo(12);
            assertThat(a.storage().verifier().run().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_429_with_retry_after_is_retried_after_the_delay_and_both_attempts_are_in_the_ledger(Store store) {
        stub.server.stubFor(post(urlPathEqualTo(ChatStub.PATH))
                .inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"type\":\"rate_limit_exceeded\"}}"))
                .willSetStateTo("open"));
        stub.server.stubFor(post(urlPathEqualTo(ChatStub.PATH))
                .inScenario("limit")
                .whenScenarioStateIs("open")
                .willReturn(ChatStub.ok()));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        // The wait is on the arena's own clock: the test takes no real second and cannot flake.
        ManualClock clock = new ManualClock(Instant.parse("2026-03-14T12:00:00Z"));
        Sleeper recording = d -> {
            waits.add(d);
            clock.advance(d);
        };
        try (Assembly a = arena(config(store, 1, "solo"), clock, recording)) {
            a.pipeline().dailyCycle().run(DAY);
            Submission s = a.storage()
                    .submissions()
                    .forTask(a.storage().tasks().forDay(DAY).get(0).id())
                    .get(0);
            assertThat(s.status()).isEqualTo(SubmissionStatus.SUCCEEDED);
            assertThat(s.attempts()).isEqualTo(2);
            List<LedgerCall> calls = a.storage().ledger().forSubmission(s.id());
            assertThat(calls)
                    .extracting(LedgerCall::attempt, LedgerCall::outcome, LedgerCall::reason)
                    .containsExactly(
                            Tuple.tuple(1, CallOutcome.RATE_LIMITED, CallReason.FIRST),
                            Tuple.tuple(2, CallOutcome.ANSWERED, CallReason.RETRY));
            assertThat(calls.get(0).httpStatus()).isEqualTo(429);
            assertThat(calls.get(0).retryAfterMs()).isEqualTo(1000L);
            assertThat(waits).containsExactly(Duration.ofSeconds(1));
            assertThat(calls.get(1).startedAt() - calls.get(0).finishedAt()).isGreaterThanOrEqualTo(1000L);
            assertThat(stub.requests()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_server_error_is_stored_as_a_failure_and_never_retried(Store store) {
        stub.answerAll(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}"));
        try (Assembly a = arena(config(store, 1, "solo"), Clock.systemUTC(), Sleeper.REAL)) {
            a.pipeline().dailyCycle().run(DAY);
            Submission s = a.storage()
                    .submissions()
                    .forTask(a.storage().tasks().forDay(DAY).get(0).id())
                    .get(0);
            assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
            assertThat(s.outcome()).isEqualTo(SubmissionOutcome.SERVER_ERROR);
            assertThat(s.reason()).contains("HTTP 500");
            assertThat(stub.requests()).isEqualTo(1);
            assertThat(a.storage().tasks().forDay(DAY).get(0).status()).isEqualTo(TaskStatus.DISPATCHED);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void rate_limits_that_never_clear_stop_after_max_attempts(Store store) {
        stub.answerAll(aResponse().withStatus(429).withBody("{}"));
        try (Assembly a = arena(config(store, 1, "solo"), Clock.systemUTC(), Sleeper.REAL)) {
            a.pipeline().dailyCycle().run(DAY);
            Submission s = a.storage()
                    .submissions()
                    .forTask(a.storage().tasks().forDay(DAY).get(0).id())
                    .get(0);
            assertThat(s.outcome()).isEqualTo(SubmissionOutcome.RATE_LIMITED);
            assertThat(s.reason()).contains("after 3 attempts");
            assertThat(a.storage().ledger().forSubmission(s.id())).hasSize(3);
            assertThat(stub.requests()).isEqualTo(3);
        }
    }
}
