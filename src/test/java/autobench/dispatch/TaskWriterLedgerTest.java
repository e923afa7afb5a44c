package autobench.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import autobench.config.Config;
import autobench.ops.Verifier;
import autobench.task.StoredTask;
import autobench.testing.ChatStub;
import autobench.testing.ChildJava;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The task writer's call (task_generator naming a model) under the answers' rules: in the ledger,
 * priced, budgeted, in the metrics, made once per day, and never again after a crash.
 */
class TaskWriterLedgerTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** The stub's price is $1 / $2 per million tokens; an answer reports 120 in, 340 out. */
    static final double ANSWER_USD = (120 * 1.0 + 340 * 2.0) / 1e6;

    @TempDir
    Path tmp;

    @RegisterExtension
    ChatStub stub = new ChatStub();

    /** Two answering models and a writer that answers nothing but the day's task list (enabled: false). */
    String yaml(Store store, String extra) {
        return "task_generator: writer\n" + extra + TestConfigs.base(store.freshUrl(tmp), 2)
                + TestConfigs.stubModel("m1", stub.port(), 300) + TestConfigs.stubModel("m2", stub.port(), 300)
                + TestConfigs.stubModel("writer", stub.port(), 300) + "    enabled: false\n";
    }

    void writerReplies(ResponseDefinitionBuilder reply) {
        stub.answerAll(ChatStub.ok());
        stub.server.stubFor(post(urlPathEqualTo(ChatStub.PATH))
                .withRequestBody(containing("stub-writer"))
                .atPriority(1)
                .willReturn(reply));
    }

    static ResponseDefinitionBuilder writerAnswer(int outputTokens) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                {"id":"w","object":"chat.completion","created":1764300000,"model":"stub-writer",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"no JSON today"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":%d,"total_tokens":0}}""".formatted(outputTokens));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_task_writer_call_is_a_ledger_row_priced_and_in_cost_and_metrics(Store store) {
        writerReplies(writerAnswer(340));
        Config c = TestConfigs.load(tmp, yaml(store, ""), Map.of());
        try (Assembly a = TestAssembly.of(c).clock(Clock.systemUTC()).build()) {
            a.pipeline().dailyCycle().run(DAY);
            a.pipeline().dailyCycle().run(DAY);
            assertThat(stub.requests())
                    .as("one writer call and 2 tasks × 2 models, once")
                    .isEqualTo(5);
            assertThat(a.storage().ledger().total())
                    .as("every request the stub saw is a ledger row")
                    .isEqualTo(stub.requests());

            LedgerCall writer =
                    a.storage().ledger().taskWriterCall(DAY.toString()).orElseThrow();
            assertThat(writer.reason()).isEqualTo(CallReason.TASK_WRITER);
            assertThat(writer.submissionId()).isNull();
            assertThat(writer.modelId()).isEqualTo("writer");
            assertThat(writer.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(writer.costUsd()).isCloseTo(ANSWER_USD, within(1e-12));

            var rows = a.storage().ledger().costRows(0, Long.MAX_VALUE);
            assertThat(rows)
                    .filteredOn(r -> r.reason() == CallReason.TASK_WRITER)
                    .singleElement()
                    .satisfies(r -> assertThat(r.costUsd()).isCloseTo(ANSWER_USD, within(1e-12)));
            assertThat(a.storage().costs().now().todayUsd()).isCloseTo(5 * ANSWER_USD, within(1e-9));
            assertThat(a.storage().verifier().run().spentTodayUsd()).isCloseTo(5 * ANSWER_USD, within(1e-9));
            assertThat(a.storage()
                            .meters()
                            .find("autobench.provider.calls")
                            .tag("model", "writer")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(a.storage()
                            .meters()
                            .find("autobench.cost.usd")
                            .tag("model", "writer")
                            .counter()
                            .count())
                    .isCloseTo(ANSWER_USD, within(1e-12));
            assertThat(a.storage().tasks().forDay(DAY))
                    .allSatisfy(t -> assertThat(t.fallbackReason()).contains("not valid JSON"));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_task_writers_spend_counts_against_the_daily_budget(Store store) {
        // The writer's reply costs $0.00812; an answer's worst case is $0.004 (2,000 in, 1,000 out). With a
        // $0.0104 cap the writer fits (worst case $0.01) and, once it has spent, no answer fits any more.
        writerReplies(writerAnswer(4000));
        Config c = TestConfigs.load(tmp, yaml(store, "daily_budget_usd: 0.0104\n"), Map.of());
        try (Assembly a = TestAssembly.of(c).clock(Clock.systemUTC()).build()) {
            DispatchReport report = a.pipeline().dailyCycle().run(DAY).dispatch();
            assertThat(stub.requests()).as("the writer's call only").isEqualTo(1);
            assertThat(report.overBudget()).isEqualTo(4);
            assertThat(a.storage().ledger().taskWriterCall(DAY.toString())).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_writer_call_that_could_pass_the_budget_is_not_made_and_the_tasks_say_why(Store store) {
        writerReplies(writerAnswer(340));
        Config c = TestConfigs.load(tmp, yaml(store, "daily_budget_usd: 0.005\n"), Map.of());
        try (Assembly a = TestAssembly.of(c).clock(Clock.systemUTC()).build()) {
            List<StoredTask> tasks = a.pipeline().dailyTasks().ensure(DAY);
            assertThat(stub.requests()).isZero();
            assertThat(a.storage().ledger().taskWriterCall(DAY.toString())).isEmpty();
            assertThat(tasks)
                    .hasSize(2)
                    .allSatisfy(t -> assertThat(t.fallbackReason()).contains("daily_budget_usd"));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_crash_during_the_writer_call_leaves_it_unknown_and_it_is_never_sent_again(Store store) throws Exception {
        writerReplies(writerAnswer(340).withFixedDelay(120_000)); // still in flight when the process is killed
        String yaml = yaml(store, "");
        Path cfg = TestConfigs.write(tmp, yaml);
        Config c = TestConfigs.load(tmp, yaml, Map.of());
        List<String> cmd =
                new ArrayList<>(ChildJava.app("run-day", "--config", cfg.toString(), "--date", DAY.toString()));
        Process child = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        try (Assembly a = TestAssembly.of(c).clock(Clock.systemUTC()).build()) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (stub.requests() < 1 && System.currentTimeMillis() < deadline) {
                assertThat(child.isAlive())
                        .as("child run-day died early: %s", Files.readString(tmp.resolve("child.log")))
                        .isTrue();
                Thread.sleep(100);
            }
            assertThat(stub.requests())
                    .as("the child sent the writer's request")
                    .isEqualTo(1);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no cleanup

            // Within the call's time, another process neither asks again nor fills the slots under it.
            assertThatThrownBy(() -> a.pipeline().dailyTasks().ensure(DAY)).hasMessageContaining("in flight");
            assertThat(a.storage().tasks().forDay(DAY)).isEmpty();

            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
            try (Assembly b = TestAssembly.of(c).clock(later).build()) {
                List<StoredTask> tasks = b.pipeline().dailyTasks().ensure(DAY);
                assertThat(tasks)
                        .hasSize(2)
                        .allSatisfy(t -> assertThat(t.fallbackReason()).contains("unknown"));
                LedgerCall call =
                        b.storage().ledger().taskWriterCall(DAY.toString()).orElseThrow();
                assertThat(call.outcome()).isEqualTo(CallOutcome.UNKNOWN);
                assertThat(call.caller()).isNotEqualTo(b.storage().owner());
                Verifier.Report r = b.storage().verifier().run();
                assertThat(r.ok()).isTrue();
                assertThat(r.warnings())
                        .anyMatch(w -> w.contains("task writer call for " + DAY) && w.contains("unknown"));
            }
            assertThat(stub.requests()).as("never sent a second time").isEqualTo(1);
        } finally {
            child.destroyForcibly();
        }
    }
}
