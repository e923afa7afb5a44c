package autobench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The commands as a user types them. */
@Isolated // swaps System.out and System.err for the whole process
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            var cl = AppAccess.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void run_day_twice_then_verify_reports_zero_duplicates() {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            Path cfg = TestConfigs.write(
                    tmp, TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("m", stub.port(), 30));
            assertThat(run("run-day", "--config", cfg.toString(), "--date", "2026-04-01")
                            .exit())
                    .isZero();
            Run second = run("run-day", "--config", cfg.toString(), "--date", "2026-04-01");
            assertThat(second.exit()).isZero();
            assertThat(second.out()).contains("0 requests sent");
            Run verify = run("verify", "--config", cfg.toString(), "--json");
            assertThat(verify.exit()).isZero();
            assertThat(verify.out()).contains("\"duplicateSubmissions\" : [ ]").contains("\"ok\" : true");
            assertThat(stub.requests()).isEqualTo(2);
        }
    }

    @Test
    void a_malformed_config_exits_non_zero_naming_the_key() {
        Path cfg = TestConfigs.write(tmp, "tasks_per_day: -3\nmodels: []\n");
        Run r = run("run-day", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("tasks_per_day: must be between 1 and 50, got -3");
    }

    @Test
    void models_lists_key_presence_without_printing_keys() {
        Path cfg = TestConfigs.write(tmp, """
                models:
                  - id: gpt-4o
                    provider: openai
                    model: gpt-4o
                    api_key_env: AUTOBENCH_TEST_SURELY_UNSET_KEY
                    price: {input: 2.5, output: 10}
                """);
        Run r = run("models", "--config", cfg.toString());
        assertThat(r.out()).contains("gpt-4o").contains("MISSING $AUTOBENCH_TEST_SURELY_UNSET_KEY");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void a_bad_date_is_rejected_with_the_expected_format() {
        Run r = run("run-day", "--date", "yesterday");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("use YYYY-MM-DD");
    }

    @Test
    void cost_reports_per_day_and_per_model_from_the_ledger() {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            Path cfg = TestConfigs.write(
                    tmp,
                    TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2)
                            + TestConfigs.stubModel("m", stub.port(), 30)
                            + TestConfigs.stubModel("n", stub.port(), 30));
            assertThat(run("run-day", "--config", cfg.toString()).exit()).isZero();
            Run cost = run("cost", "--config", cfg.toString(), "--json");
            assertThat(cost.exit()).isZero();
            // 4 calls × (120 input × $1/M + 340 output × $2/M) = 4 × $0.0008
            assertThat(cost.out())
                    .contains("\"calls\" : 4")
                    .contains("\"usd\" : 0.0032")
                    .contains("\"model\" : \"n\"");
            Run text = run("cost", "--config", cfg.toString());
            assertThat(text.out()).contains("(day total)").contains("0.0016");
        }
    }

    @Test
    void models_probe_sends_one_request_and_reports_acceptance_without_touching_the_arena() {
        try (ChatStub stub = new ChatStub()) {
            stub.answerAll(ChatStub.ok());
            Path cfg = TestConfigs.write(
                    tmp, TestConfigs.base(Store.SQLITE.freshUrl(tmp), 2) + TestConfigs.stubModel("m", stub.port(), 30));
            Run r = run("models", "--config", cfg.toString(), "--probe", "m");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("OK").contains("stub-model-2026-01-01");
            assertThat(stub.requests()).isEqualTo(1);
            Run missing = run("models", "--config", cfg.toString(), "--probe", "nope");
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.err()).contains("no model 'nope' in the config");
        }
    }
}
