package autobench.provider.openai;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.HttpTransport;
import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenAI Chat Completions, and every endpoint that speaks it (DeepSeek, Groq, Ollama, vLLM, ...). */
public final class OpenAiProvider implements Provider {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelConfig model;
    private final String apiKey;
    private final HttpTransport http;

    public OpenAiProvider(ModelConfig model, String apiKey, HttpTransport http) {
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public Completion complete(Prompt prompt) {
        String base = model.baseUrl() == null ? DEFAULT_BASE_URL : model.baseUrl();
        URI uri = URI.create(base.replaceAll("/+$", "") + "/chat/completions");
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null && !apiKey.isEmpty()) headers.put("Authorization", "Bearer " + apiKey);
        HttpTransport.Result result = http.postJson(uri, headers, requestBody(prompt), prompt.timeout());
        return switch (result) {
            case HttpTransport.Broken b -> b.failure();
            case HttpTransport.Received r -> classify(r.reply());
        };
    }

    private String requestBody(Prompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        var messages = body.putArray("messages");
        if (!prompt.system().isEmpty()) messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        body.put("max_tokens", prompt.maxOutputTokens());
        if (prompt.temperature() != null) body.put("temperature", prompt.temperature());
        return body.toString();
    }

    static Completion classify(HttpTransport.Reply reply) {
        int s = reply.status();
        String raw = reply.body();
        if (s == 429) return new Completion.Failed(FailureKind.RATE_LIMITED, "rate limited", s, reply.retryAfter(), raw);
        if (s == 503 || s == 529) return new Completion.Failed(FailureKind.OVERLOADED, "overloaded", s, reply.retryAfter(), raw);
        if (s == 401 || s == 403) return new Completion.Failed(FailureKind.AUTH, "not authorised (HTTP " + s + ")", s, null, raw);
        if (s >= 400 && s < 500) return new Completion.Failed(FailureKind.BAD_REQUEST, "request rejected (HTTP " + s + ")", s, null, raw);
        if (s >= 500) return new Completion.Failed(FailureKind.SERVER_ERROR, "server error (HTTP " + s + ")", s, null, raw);
        try {
            JsonNode root = JSON.readTree(raw);
            JsonNode choice = root.path("choices").path(0);
            if (choice.isMissingNode()) return new Completion.Failed(FailureKind.MALFORMED, "reply has no choices", s, null, raw);
            JsonNode message = choice.path("message");
            String text = message.path("content").asText("");
            String reasoning = message.path("reasoning_content").asText("");
            String finishReason = choice.path("finish_reason").asText("");
            JsonNode u = root.path("usage");
            Usage usage = new Usage(u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0),
                    u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
            String version = root.path("model").asText("");
            if ("content_filter".equals(finishReason) || (message.hasNonNull("refusal") && text.isEmpty())) {
                return new Completion.Refused(message.path("refusal").asText("content filter"), usage, version, raw);
            }
            Finish finish = switch (finishReason) {
                case "stop" -> Finish.STOP;
                case "length" -> Finish.LENGTH;
                default -> Finish.OTHER;
            };
            return new Completion.Answered(text, reasoning, finish, usage, version, raw);
        } catch (Exception e) {
            return new Completion.Failed(FailureKind.MALFORMED, "reply is not valid JSON", s, null, raw);
        }
    }
}
