package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.cli.AppAccess;
import autobench.dispatch.CallOutcome;
import autobench.dispatch.CallReason;
import autobench.dispatch.LedgerCall;
import autobench.provider.Usage;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** verify must fail loudly when what is stored breaks a promise, not only pass when all is well. */
@Isolated // silences System.out for the whole process while the verifier prints
class VerifierTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void verify_exits_non_zero_for_a_stuck_claim_and_an_answer_paid_twice(Store store) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), 1) + TestConfigs.stubModel("m", 9, 30);
        Path cfg = TestConfigs.write(tmp, yaml);
        try (Assembly a = TestAssembly.build(TestConfigs.load(tmp, yaml, Map.of()))) {
            var task =
                    a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 10, 1)).get(0);
            a.storage().submissions().createPending(task.id(), "m", 0);
            String id =
                    a.storage().submissions().find(task.id(), "m").orElseThrow().id();
            // A process claimed it and died an hour ago; nobody has run the cycle since.
            assertThat(a.storage().submissions().claim(id, "dead-host/1/x", System.currentTimeMillis() - 3_600_000, 0))
                    .isTrue();
            var answered = new LedgerCall.End(CallOutcome.ANSWERED, 200, null, null, new Usage(1, 1, 0), 0.1, 10);
            a.storage().ledger().begin(new LedgerCall.Start("c1", id, 1, "m", "dead-host/1/x", CallReason.FIRST), 0);
            a.storage().ledger().finish("c1", answered, 1);
            a.storage().ledger().begin(new LedgerCall.Start("c2", id, 2, "m", "dead-host/1/x", CallReason.RETRY), 2);
            a.storage().ledger().finish("c2", answered, 3);

            Verifier.Report r = a.storage().verifier().run();
            assertThat(r.ok()).isFalse();
            assertThat(r.problems())
                    .anyMatch(p -> p.contains("stuck in 'calling' with an expired lease held by dead-host/1/x"));
            assertThat(r.problems()).anyMatch(p -> p.contains("more than one answered call") && p.contains(id));
        }
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            assertThat(AppAccess.commandLine().execute("verify", "--config", cfg.toString()))
                    .isEqualTo(1);
        } finally {
            System.setOut(old);
        }
    }
}
