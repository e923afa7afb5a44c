package autobench.dispatch;

import autobench.provider.Usage;

/**
 * What is written when a submission reaches a terminal status.
 *
 * @param reply what the provider sent back, or {@link Reply#NONE} when nothing usable came
 */
record SubmissionResult(
        SubmissionStatus status,
        SubmissionOutcome outcome,
        String reason,
        Reply reply,
        Usage usage,
        double costUsd,
        long latencyMs) {

    /**
     * The stored parts of a reply.
     *
     * @param answer    the answer text, without reasoning
     * @param code      the runnable page extracted from it, or {@code null}
     * @param assists   comma-separated extraction assists, or {@code null}
     */
    record Reply(
            String raw,
            String answer,
            String reasoning,
            String code,
            String assists,
            String finishReason,
            String modelVersion) {
        static final Reply NONE = new Reply(null, null, null, null, null, null, null);

        /** A reply that carried no answer (a refusal, an error body). */
        static Reply bare(String raw, String finishReason, String modelVersion) {
            return new Reply(raw, null, null, null, null, finishReason, modelVersion);
        }

        Reply withoutCode() {
            return new Reply(raw, answer, reasoning, null, assists, finishReason, modelVersion);
        }
    }

    /** A failure with nothing received. */
    static SubmissionResult failed(SubmissionStatus status, SubmissionOutcome outcome, String reason) {
        return new SubmissionResult(status, outcome, reason, Reply.NONE, Usage.NONE, 0, 0);
    }

    /** The same result with the cost of every attempt summed. */
    SubmissionResult withCost(double totalUsd) {
        return new SubmissionResult(status, outcome, reason, reply, usage, totalUsd, latencyMs);
    }
}
