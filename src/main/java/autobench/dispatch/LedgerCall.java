package autobench.dispatch;

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
            autobench.provider.Usage usage,
            double costUsd,
            long latencyMs) {}
}
