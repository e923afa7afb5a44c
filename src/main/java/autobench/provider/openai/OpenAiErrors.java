package autobench.provider.openai;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.HttpTransport.Reply;
import autobench.provider.Replies;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * Classifies non-2xx replies from OpenAI-shaped APIs. OpenAI, DeepSeek and most compatible
 * servers send {@code {"error": {"message", "type", "code"}}}; Ollama and LM Studio send
 * {@code {"error": "text"}}; vLLM puts {@code message}/{@code type} at the top level.
 */
final class OpenAiErrors {
    private OpenAiErrors() {}

    /** Codes that arrive as 429 but mean the account is out of money: waiting will not help. */
    private static final Set<String> BILLING =
            Set.of("insufficient_quota", "credit_balance_exhausted", "billing_hard_limit_reached");
    /** Codes that mean the service, not our account, is short of capacity. */
    private static final Set<String> OVERLOAD = Set.of("server_is_overloaded", "slow_down", "engine_overloaded");

    static Completion.Failed classify(Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        JsonNode err = root == null ? null : root.get("error");
        String type = "", code = "", message = "";
        if (err != null && err.isObject()) {
            type = Replies.text(err, "type");
            code = Replies.text(err, "code");
            message = Replies.text(err, "message");
        } else if (err != null && err.isTextual()) {
            message = err.asText();
        } else if (root != null) {
            type = Replies.text(root, "type");
            message = Replies.text(root, "message");
        }
        FailureKind kind = Replies.kindForStatus(reply.status());
        if (BILLING.contains(code) || BILLING.contains(type)) {
            kind = FailureKind.AUTH;
        } else if ((reply.status() == 429 || reply.status() >= 500)
                && (OVERLOAD.contains(code) || message.toLowerCase().contains("overloaded"))) {
            kind = FailureKind.OVERLOADED;
        }
        String label = code.isEmpty() ? type : code;
        String detail = label.isEmpty() || message.isEmpty() ? label + message : label + " — " + message;
        Duration wait = reply.retryAfter();
        if (wait == null && kind == FailureKind.RATE_LIMITED) wait = resetHint(reply);
        return Replies.failed(kind, reply, detail.isBlank() ? null : detail, wait);
    }

    /**
     * OpenAI's {@code x-ratelimit-reset-requests}/{@code -tokens} say when each limit refills.
     * Used only when there is no Retry-After: the exhausted limit's reset, or the later of both.
     */
    static Duration resetHint(Reply reply) {
        Duration requests = Replies.goDuration(reply.header("x-ratelimit-reset-requests"));
        Duration tokens = Replies.goDuration(reply.header("x-ratelimit-reset-tokens"));
        if ("0".equals(reply.header("x-ratelimit-remaining-requests")) && requests != null) return requests;
        if ("0".equals(reply.header("x-ratelimit-remaining-tokens")) && tokens != null) return tokens;
        return Replies.longer(requests, tokens);
    }
}
