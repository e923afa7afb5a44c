package autobench.dispatch;

/** A stored submission: one model's answer (or failure) for one task. */
public record Submission(
        String id,
        String taskId,
        String modelId,
        SubmissionStatus status,
        SubmissionOutcome outcome,
        String reason,
        int attempts,
        String code,
        String assists,
        String finishReason,
        String modelVersion,
        long inputTokens,
        long outputTokens,
        long reasoningTokens,
        double costUsd,
        long latencyMs,
        String leaseOwner,
        long leaseUntil) {}
