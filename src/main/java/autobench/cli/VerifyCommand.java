package autobench.cli;

import autobench.ops.Verifier;
import autobench.wiring.Assembly;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "verify",
        description =
                "Integrity report: duplicates (must be 0), tasks per day, submissions by status, ledger calls per submission, anything stuck. Exits 1 when an invariant is broken.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Assembly arena = Assembly.assemble(Assembly.TOOL, config.load(false))) {
            Verifier.Report r = arena.storage().verifier().run();
            if (json) {
                var m = new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .findAndRegisterModules();
                var node = m.valueToTree(r);
                ((ObjectNode) node).put("ok", r.ok());
                System.out.println(m.writeValueAsString(node));
            } else {
                print(r);
            }
            return r.ok() ? 0 : 1;
        }
    }

    private static void print(Verifier.Report r) {
        System.out.println("AutoBench integrity report — " + r.database());
        System.out.println("  duplicate submissions (task, model): "
                + r.duplicateSubmissions().size() + "   (must be 0)");
        System.out.println(
                "  submissions answered more than once:  " + r.answeredTwice().size() + "   (must be 0)");
        System.out.println("  tasks per day: " + (r.tasksPerDay().isEmpty() ? "none yet" : ""));
        r.tasksPerDay().forEach((d, n) -> System.out.println("    " + d + "  " + n));
        System.out.println("  tasks by status: " + r.tasksByStatus());
        System.out.println("  submissions by status: " + r.submissionsByStatus());
        System.out.println(
                "  ledger: " + r.ledgerCalls() + " calls; submissions by number of calls: " + r.callsPerSubmission());
        System.out.println("  renders: " + (r.renders().isEmpty() ? "none yet" : r.renders()));
        if (r.budgetUsd() != null)
            System.out.printf("  budget: spent $%.4f of $%.2f today%n", r.spentTodayUsd(), r.budgetUsd());
        r.cost().lines().forEach(l -> System.out.println("  " + l));
        r.warnings().forEach(w -> System.out.println("  WARNING " + w));
        r.problems().forEach(p -> System.out.println("  PROBLEM " + p));
        System.out.println(
                r.ok() ? "OK: all invariants hold." : "BROKEN: " + r.problems().size() + " invariant problem(s).");
    }
}
