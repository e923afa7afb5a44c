package autobench.provider.gemini;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Gemini API {@code POST {base}/models/{model}:generateContent}. The key travels only in the
 * {@code x-goog-api-key} header: a {@code ?key=} query would end up in proxy and access logs.
 */
public final class GeminiProvider implements Provider, HttpTransport.ReplyReader {
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Finish reasons that mean a safety or policy system stopped the answer. */
    private static final Set<String> BLOCKED = Set.of(
            "SAFETY",
            "RECITATION",
            "BLOCKLIST",
            "PROHIBITED_CONTENT",
            "SPII",
            "IMAGE_SAFETY",
            "LANGUAGE",
            "MODEL_ARMOR");

    private final ModelConfig model;
    private final String apiKey;
    private final HttpTransport http;

    public GeminiProvider(ModelConfig model, String apiKey, HttpTransport http) {
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
        Options.integer(model, "thinking_budget");
        Options.bool(model, "include_thoughts");
    }

    @Override
    public Completion complete(Prompt prompt) {
        String base = model.baseUrl() == null ? DEFAULT_BASE_URL : model.baseUrl();
        String name = model.model().startsWith("models/") ? model.model().substring(7) : model.model();
        URI uri = URI.create(base.replaceAll("/+$", "") + "/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + ":generateContent");
        Map<String, String> headers = apiKey == null || apiKey.isEmpty() ? Map.of() : Map.of("x-goog-api-key", apiKey);
        return http.exchange(new HttpTransport.Post(uri, headers, requestBody(prompt), prompt.timeout(), apiKey), this);
    }

    String requestBody(Prompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("contents")
                .addObject()
                .put("role", "user")
                .putArray("parts")
                .addObject()
                .put("text", prompt.user());
        if (!prompt.system().isEmpty())
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", prompt.system());
        ObjectNode config = body.putObject("generationConfig");
        config.put("maxOutputTokens", prompt.maxOutputTokens());
        if (prompt.temperature() != null) config.put("temperature", prompt.temperature());
        Integer budget = Options.integer(model, "thinking_budget");
        Boolean include = Options.bool(model, "include_thoughts");
        if (budget != null || include != null) {
            ObjectNode thinking = config.putObject("thinkingConfig");
            if (budget != null) thinking.put("thinkingBudget", budget);
            // Thought summaries come back only when asked for; with a budget set we want them kept.
            thinking.put("includeThoughts", include == null || include);
        }
        return body.toString();
    }

    @Override
    public Completion classify(HttpTransport.Reply reply) {
        return GeminiErrors.classify(reply);
    }

    @Override
    public Completion parse(HttpTransport.Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        if (root == null || !root.isObject()) return Replies.malformed(reply, "reply is not a JSON object");
        JsonNode u = root.path("usageMetadata");
        long thoughts = Replies.tokens(u.get("thoughtsTokenCount"));
        // candidatesTokenCount excludes thoughts, which bill as output: add them so cost is right.
        Usage usage = new Usage(
                Replies.tokens(u.get("promptTokenCount")),
                Replies.sum(Replies.tokens(u.get("candidatesTokenCount")), thoughts),
                thoughts);
        String version = Replies.text(root, "modelVersion");
        JsonNode candidate = root.path("candidates").path(0);
        String blockReason = Replies.text(root.path("promptFeedback"), "blockReason");
        if (!candidate.isObject()) {
            if (!blockReason.isEmpty())
                return new Completion.Refused("prompt blocked: " + blockReason, usage, version, reply.body());
            return Replies.malformed(reply, "reply has no candidates");
        }
        StringBuilder text = new StringBuilder(), thought = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            (part.path("thought").asBoolean(false) ? thought : text).append(Replies.text(part, "text"));
        }
        String finishReason = Replies.text(candidate, "finishReason");
        if (BLOCKED.contains(finishReason)) {
            String message = Replies.text(candidate, "finishMessage");
            return new Completion.Refused(
                    "blocked: " + finishReason + (message.isEmpty() ? "" : " — " + message),
                    usage,
                    version,
                    reply.body());
        }
        Finish finish = switch (finishReason) {
            case "STOP" -> Finish.STOP;
            case "MAX_TOKENS" -> Finish.LENGTH;
            default -> Finish.OTHER;
        };
        return new Completion.Answered(text.toString(), thought.toString(), finish, usage, version, reply.body());
    }
}
