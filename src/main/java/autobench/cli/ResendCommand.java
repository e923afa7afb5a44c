package autobench.cli;

import autobench.wiring.Assembly;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "resend",
        description =
                "Operator action: send an unknown or failed submission again. Logged in the ledger as a new attempt and in the audit log; it may cost money twice.")
public final class ResendCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "SUBMISSION_ID", description = "The submission to send again (see ./autobench verify).")
    String submissionId;

    @Override
    public Integer call() {
        try (Assembly arena = Assembly.assemble(Assembly.PIPELINE, config.load(true))) {
            String r = arena.operator().resendOne(AdminCommand.actor(), submissionId);
            System.out.println("re-sent " + submissionId + ": " + r);
            return 0;
        }
    }
}
