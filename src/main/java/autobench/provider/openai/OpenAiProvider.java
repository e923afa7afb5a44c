package autobench.provider.openai;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Chat Completions ({@code POST {base}/chat/completions}) for OpenAI, DeepSeek and compatible servers. */
public final class OpenAiProvider implements Provider, HttpTransport.ReplyReader {
    public static final String DEFAULT_BASE_URL = Dialect.OPENAI.defaultBaseUrl;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** o1, o3-mini, o4-mini, gpt-5, gpt-5-mini, gpt-5.1 ...: the families that reject max_tokens/temperature. */
    private static final Pattern REASONING_FAMILY = Pattern.compile("^(o\\d+)(-.*)?$|^gpt-5.*");

    private final ModelConfig model;
    private final String apiKey;
    private final HttpTransport http;
    private final Dialect dialect;

    public OpenAiProvider(ModelConfig model, String apiKey, HttpTransport http) {
        this(model, apiKey, http, Dialect.OPENAI);
    }

    public OpenAiProvider(ModelConfig model, String apiKey, HttpTransport http, Dialect dialect) {
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
        this.dialect = dialect;
        endpoint(model, dialect, "/chat/completions"); // fail at start-up, not at the first call
    }

    @Override
    public Completion complete(Prompt prompt) {
        URI uri = endpoint(model, dialect, "/chat/completions");
        return http.exchange(
                new HttpTransport.Post(uri, headers(model, apiKey), requestBody(prompt), prompt.timeout(), apiKey),
                this);
    }

    /**
     * Whether to ask this model the reasoning way. An explicit {@code options.reasoning} wins;
     * otherwise OpenAI's o-series and gpt-5 family names are recognised.
     */
    static boolean isReasoning(ModelConfig m, Dialect d) {
        Boolean explicit = Options.bool(m, "reasoning");
        if (explicit != null) return explicit;
        return d == Dialect.OPENAI && REASONING_FAMILY.matcher(m.model()).matches();
    }

    String requestBody(Prompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        var messages = body.putArray("messages");
        if (!prompt.system().isEmpty())
            messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        boolean deepseekReasoner = dialect == Dialect.DEEPSEEK && model.model().contains("reasoner");
        if (dialect != Dialect.DEEPSEEK && isReasoning(model, dialect)) {
            // Reasoning tokens count against this limit too; temperature is rejected by these models.
            body.put("max_completion_tokens", prompt.maxOutputTokens());
            String effort = Options.string(model, "reasoning_effort", null);
            if (effort != null) body.put("reasoning_effort", effort);
        } else {
            body.put("max_tokens", prompt.maxOutputTokens());
            // deepseek-reasoner accepts but ignores temperature; not sending it keeps the record honest.
            if (prompt.temperature() != null && !deepseekReasoner) body.put("temperature", prompt.temperature());
        }
        return body.toString();
    }

    @Override
    public Completion classify(HttpTransport.Reply reply) {
        return OpenAiErrors.classify(reply);
    }

    @Override
    public Completion parse(HttpTransport.Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        if (root == null || !root.isObject()) return Replies.malformed(reply, "reply is not a JSON object");
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) return Replies.malformed(reply, "reply has no choices");
        JsonNode message = choice.path("message");
        String text = content(message.get("content"));
        String reasoning = Replies.text(message, "reasoning_content");
        if (reasoning.isEmpty() && message.path("reasoning").isTextual())
            reasoning = message.get("reasoning").asText();
        String finishReason = Replies.text(choice, "finish_reason");
        JsonNode u = root.path("usage");
        Usage usage = new Usage(
                Replies.tokens(u.get("prompt_tokens")),
                Replies.tokens(u.get("completion_tokens")),
                Replies.tokens(u.path("completion_tokens_details").get("reasoning_tokens")));
        String version = Replies.text(root, "model");
        String refusal = Replies.text(message, "refusal");
        if ("content_filter".equals(finishReason)) {
            return new Completion.Refused(refusal.isEmpty() ? "content filter" : refusal, usage, version, reply.body());
        }
        if (!refusal.isEmpty() && text.isEmpty()) return new Completion.Refused(refusal, usage, version, reply.body());
        if ("insufficient_system_resource".equals(finishReason)) {
            // DeepSeek cut the generation short on its side: a provider fault after work began.
            return new Completion.Failed(
                    FailureKind.SERVER_ERROR,
                    "generation interrupted: insufficient_system_resource",
                    reply.status(),
                    null,
                    reply.body());
        }
        Finish finish = switch (finishReason) {
            case "stop" -> Finish.STOP;
            case "length" -> Finish.LENGTH;
            default -> Finish.OTHER;
        };
        return new Completion.Answered(text, reasoning, finish, usage, version, reply.body());
    }

    /** Content is a string; a few compatible servers send an array of text parts instead. */
    private static String content(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) content.forEach(p -> sb.append(Replies.text(p, "text")));
        return sb.toString();
    }

    static URI endpoint(ModelConfig m, Dialect d, String path) {
        String base = m.baseUrl() != null ? m.baseUrl() : d.defaultBaseUrl;
        if (base == null)
            throw new IllegalArgumentException("model '" + m.id() + "': provider " + m.provider() + " needs base_url");
        return URI.create(base.replaceAll("/+$", "") + path);
    }

    /** Bearer auth when a key is configured, plus literal extra headers from {@code options.headers}. */
    static Map<String, String> headers(ModelConfig m, String apiKey) {
        Map<String, String> headers = new LinkedHashMap<>(Options.stringMap(m, "headers"));
        if (apiKey != null && !apiKey.isEmpty()) headers.put("Authorization", "Bearer " + apiKey);
        return headers;
    }
}
