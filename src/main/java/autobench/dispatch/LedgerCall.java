package autobench.dispatch;

import autobench.provider.Completion;
import autobench.provider.Usage;

/**
 * One ledger row: one request that left (or was about to leave) the process.
 *
 * @param outcome {@code null} while the call is in flight
 */
public record LedgerCall(
        String id,
        String submissionId,
        int attempt,
        String modelId,
        String caller,
        CallReason reason,
        long startedAt,
        Long finishedAt,
        CallOutcome outcome,
        Integer httpStatus,
        Long retryAfterMs,
        String detail,
        double costUsd,
        long latencyMs) {

    /** The row written before a request leaves: who sends which attempt of which submission, and why. */
    public record Start(
            String callId, String submissionId, int attempt, String modelId, String caller, CallReason reason) {}

    /**
     * What came back, written after.
     *
     * @param httpStatus   0 when no HTTP response arrived
     * @param retryAfterMs how long the provider asked us to wait, or {@code null}
     */
    public record End(
            CallOutcome outcome,
            int httpStatus,
            Long retryAfterMs,
            String detail,
            Usage usage,
            double costUsd,
            long latencyMs) {
        /** How a call that came back as {@code c} ended, as the ledger records it. */
        public static End of(Completion c, Usage usage, double costUsd, long latencyMs) {
            Completion.Failed f = c instanceof Completion.Failed ff ? ff : null;
            return new End(
                    CallOutcome.of(c),
                    f == null ? 200 : f.httpStatus(),
                    f == null || f.retryAfter() == null ? null : f.retryAfter().toMillis(),
                    f == null ? null : f.message(),
                    usage,
                    costUsd,
                    latencyMs);
        }
    }

    /** The tokens a completion reports: none for a failure. */
    static Usage usageOf(Completion c) {
        return switch (c) {
            case Completion.Answered a -> a.usage();
            case Completion.Refused r -> r.usage();
            case Completion.Failed f -> Usage.NONE;
        };
    }
}
