package autobench.gallery;

import java.util.List;
import java.util.Map;

/**
 * One model's answer to one task as the site shows it: the call's facts, the render's checks, and
 * the content hashes of its artifacts. Failed answers are answers too, with their reason.
 *
 * @param status    pending, calling, succeeded, failed or unknown
 * @param render    the render, or null when the answer was never rendered
 * @param artifacts artifact kind (poster, preview, frame-1, …) to its SHA-256
 */
public record Answer(String submissionId, String taskId, String modelId, boolean demo, String status, String outcome,
                     String reason, String finishReason, String modelVersion, long inputTokens, long outputTokens,
                     long reasoningTokens, double costUsd, long latencyMs, List<String> assists, boolean hasCode,
                     Render render, Map<String, String> artifacts) {

    public Answer {
        assists = List.copyOf(assists);
        artifacts = Map.copyOf(artifacts);
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
