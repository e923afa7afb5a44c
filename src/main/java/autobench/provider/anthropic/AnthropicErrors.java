package autobench.provider.anthropic;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.HttpTransport.Reply;
import autobench.provider.Replies;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic errors: {@code {"type":"error","error":{"type","message"}, "request_id"}}. The
 * documented {@code error.type} decides; the status is the fallback for bodies we cannot read
 * (a proxy's HTML page, an empty 502).
 */
final class AnthropicErrors {
    private AnthropicErrors() {}

    static Completion.Failed classify(Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        JsonNode err = root == null ? null : root.path("error");
        String type = Replies.text(err, "type");
        String message = Replies.text(err, "message");
        FailureKind kind = switch (type) {
            case "invalid_request_error", "not_found_error", "request_too_large", "conflict_error" ->
                FailureKind.BAD_REQUEST;
            case "authentication_error", "permission_error", "billing_error" -> FailureKind.AUTH;
            case "rate_limit_error" -> spendLimit(err) ? FailureKind.AUTH : FailureKind.RATE_LIMITED;
            case "overloaded_error" -> FailureKind.OVERLOADED;
            case "timeout_error" -> FailureKind.TIMEOUT;
            case "api_error" -> FailureKind.SERVER_ERROR;
            default -> Replies.kindForStatus(reply.status());
        };
        String detail = type.isEmpty() ? message : type + (message.isEmpty() ? "" : " — " + message);
        return Replies.failed(kind, reply, detail, reply.retryAfter());
    }

    /** A 429 for a monthly spend cap: retrying cannot succeed before the cap resets. */
    private static boolean spendLimit(JsonNode err) {
        return "enforced_spend_limit_reached"
                .equals(Replies.text(err == null ? null : err.path("details"), "error_code"));
    }
}
