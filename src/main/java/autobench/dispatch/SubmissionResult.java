package autobench.dispatch;

import autobench.provider.Usage;

/** What is written when a submission reaches a terminal status. */
record SubmissionResult(SubmissionStatus status, Outcome outcome, String reason, String rawResponse, String answer,
                        String reasoning, String code, String assists, String finishReason, String modelVersion,
                        Usage usage, double costUsd, long latencyMs) {
    long inputTokens() { return usage.inputTokens(); }
    long outputTokens() { return usage.outputTokens(); }
    long reasoningTokens() { return usage.reasoningTokens(); }
}
