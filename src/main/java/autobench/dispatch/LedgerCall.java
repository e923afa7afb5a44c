package autobench.dispatch;

/** One ledger row: one request that left (or was about to leave) the process. */
public record LedgerCall(String id, String submissionId, int attempt, String modelId, String caller, String reason,
                         long startedAt, Long finishedAt, String outcome, Integer httpStatus, Long retryAfterMs,
                         String detail, double costUsd, long latencyMs) {}
