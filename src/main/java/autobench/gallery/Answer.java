package autobench.gallery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One model's answer to one task as the site shows it: the call's facts, the render's checks, and
 * the content hashes of its artifacts. Failed answers are answers too, with their reason.
 *
 * @param status    pending, calling, succeeded, failed or unknown
 * @param render    the render, or null when the answer was never rendered
 * @param artifacts artifact kind (poster, preview, frame-1, …) to its SHA-256
 * @param label     while the task is blind: "Answer A", "Answer B", … and everything that could name
 *                  the model (id, version, tokens, cost, latency, assists, reasons) is left out; null once named
 * @param revealAt  while blind: when the names will be shown; null once named
 */
public record Answer(
        String submissionId,
        String taskId,
        String modelId,
        boolean demo,
        String status,
        String outcome,
        String reason,
        String finishReason,
        String modelVersion,
        long inputTokens,
        long outputTokens,
        long reasoningTokens,
        double costUsd,
        long latencyMs,
        List<String> assists,
        boolean hasCode,
        Render render,
        Map<String, String> artifacts,
        String label,
        Instant revealAt) {

    public Answer {
        assists = List.copyOf(assists);
        artifacts = Map.copyOf(artifacts);
    }

    /** Still anonymous: no model is named, no number that could name one is given. */
    public boolean blind() {
        return label != null;
    }

    /** What to call this answer on a page: its model, or its label while the task is blind. */
    public String name() {
        return blind() ? label : modelId;
    }

    public String poster() {
        return artifacts.get("poster");
    }

    public String preview() {
        return artifacts.get("preview");
    }

    public boolean succeeded() {
        return status.equals("succeeded");
    }

    /** Rendered without error and drew something: the answer can be shown in a battle. */
    public boolean battleReady() {
        return succeeded() && hasCode && poster() != null && render != null && "ok".equals(render.result());
    }
}
