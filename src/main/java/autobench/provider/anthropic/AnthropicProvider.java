package autobench.provider.anthropic;

import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.HttpTransport;
import autobench.provider.ModelConfig;
import autobench.provider.Options;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Replies;
import autobench.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * Anthropic Messages API ({@code POST {base}/messages}). The key goes in {@code x-api-key}; the
 * system prompt is a top-level field; {@code max_tokens} is required. Extended thinking
 * ({@code options.thinking_budget}) comes back as {@code thinking} blocks, kept apart as reasoning.
 */
public final class AnthropicProvider implements Provider, HttpTransport.ReplyReader {
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
    static final String VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelConfig model;
    private final String apiKey;
    private final HttpTransport http;

    public AnthropicProvider(ModelConfig model, String apiKey, HttpTransport http) {
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
        Options.integer(model, "thinking_budget"); // a bad value fails at start-up
    }

    @Override
    public Completion complete(Prompt prompt) {
        String base = model.baseUrl() == null ? DEFAULT_BASE_URL : model.baseUrl();
        URI uri = URI.create(base.replaceAll("/+$", "") + "/messages");
        Map<String, String> headers = apiKey == null || apiKey.isEmpty()
                ? Map.of("anthropic-version", VERSION)
                : Map.of("x-api-key", apiKey, "anthropic-version", VERSION);
        return http.exchange(new HttpTransport.Post(uri, headers, requestBody(prompt), prompt.timeout(), apiKey), this);
    }

    String requestBody(Prompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        body.put("max_tokens", prompt.maxOutputTokens());
        if (!prompt.system().isEmpty()) body.put("system", prompt.system());
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.user());
        Integer budget = Options.integer(model, "thinking_budget");
        if (budget != null && budget > 0) {
            // The budget is part of max_tokens and must be below it; thinking rejects a custom temperature.
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        } else if (prompt.temperature() != null) {
            body.put("temperature", prompt.temperature());
        }
        return body.toString();
    }

    @Override
    public Completion classify(HttpTransport.Reply reply) {
        return AnthropicErrors.classify(reply);
    }

    @Override
    public Completion parse(HttpTransport.Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        if (root == null || !root.isObject()) return Replies.malformed(reply, "reply is not a JSON object");
        if ("error".equals(Replies.text(root, "type"))) return AnthropicErrors.classify(reply);
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) return Replies.malformed(reply, "reply has no content array");
        StringBuilder text = new StringBuilder(), thinking = new StringBuilder();
        for (JsonNode block : content) {
            switch (Replies.text(block, "type")) {
                case "text" -> text.append(Replies.text(block, "text"));
                case "thinking" -> thinking.append(Replies.text(block, "thinking"));
                // Encrypted by the provider: there is no text to keep, only the fact that it happened.
                case "redacted_thinking" ->
                    thinking.append(thinking.isEmpty() ? "" : "\n").append("[redacted thinking]");
                default -> {}
            }
        }
        JsonNode u = root.path("usage");
        // Anthropic does not report thinking tokens apart: they are inside output_tokens.
        Usage usage = new Usage(
                Replies.sum(
                        Replies.sum(
                                Replies.tokens(u.get("input_tokens")),
                                Replies.tokens(u.get("cache_creation_input_tokens"))),
                        Replies.tokens(u.get("cache_read_input_tokens"))),
                Replies.tokens(u.get("output_tokens")),
                0);
        String version = Replies.text(root, "model");
        String stop = Replies.text(root, "stop_reason");
        if ("refusal".equals(stop)) {
            String why = text.isEmpty() ? "the model declined (stop_reason: refusal)" : text.toString();
            return new Completion.Refused(why, usage, version, reply.body());
        }
        Finish finish = switch (stop) {
            case "end_turn", "stop_sequence" -> Finish.STOP;
            case "max_tokens", "model_context_window_exceeded" -> Finish.LENGTH;
            default -> Finish.OTHER; // tool_use, pause_turn: not expected for a one-shot prompt
        };
        return new Completion.Answered(text.toString(), thinking.toString(), finish, usage, version, reply.body());
    }
}
