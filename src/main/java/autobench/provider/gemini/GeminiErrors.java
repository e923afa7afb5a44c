package autobench.provider.gemini;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.HttpTransport.Reply;
import autobench.provider.Replies;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Gemini errors: {@code {"error":{"code","message","status","details":[...]}}} in the Google
 * API style. Two details matter: an invalid key is a 400 {@code INVALID_ARGUMENT} whose
 * {@code ErrorInfo.reason} is {@code API_KEY_INVALID}, and a 429 may carry a
 * {@code RetryInfo.retryDelay} such as {@code "37s"}.
 */
final class GeminiErrors {
    private GeminiErrors() {}

    static Completion.Failed classify(Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        JsonNode err = root == null ? null : root.path("error");
        String status = Replies.text(err, "status");
        String message = Replies.text(err, "message");
        String reason = "";
        Duration retryDelay = null;
        if (err != null) {
            for (JsonNode d : err.path("details")) {
                if (!Replies.text(d, "reason").isEmpty()) reason = Replies.text(d, "reason");
                if (d.has("retryDelay")) retryDelay = Replies.goDuration(Replies.text(d, "retryDelay"));
            }
        }
        FailureKind kind = switch (status) {
            case "INVALID_ARGUMENT" -> reason.startsWith("API_KEY") ? FailureKind.AUTH : FailureKind.BAD_REQUEST;
            case "NOT_FOUND", "OUT_OF_RANGE", "ALREADY_EXISTS", "ABORTED" -> FailureKind.BAD_REQUEST;
            // Free tier not offered in the caller's region without billing: an account matter, not the request.
            case "FAILED_PRECONDITION", "UNAUTHENTICATED", "PERMISSION_DENIED" -> FailureKind.AUTH;
            case "RESOURCE_EXHAUSTED" -> FailureKind.RATE_LIMITED;
            case "UNAVAILABLE" -> FailureKind.OVERLOADED;
            case "DEADLINE_EXCEEDED" -> FailureKind.TIMEOUT;
            case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> FailureKind.SERVER_ERROR;
            default -> Replies.kindForStatus(reply.status());
        };
        String detail = String.join(
                " ", status, reason.isEmpty() ? "" : "(" + reason + ")", message.isEmpty() ? "" : "— " + message);
        Duration wait = reply.retryAfter() != null ? reply.retryAfter() : retryDelay;
        return Replies.failed(kind, reply, detail, wait);
    }
}
