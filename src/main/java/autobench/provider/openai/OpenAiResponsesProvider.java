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

/**
 * OpenAI Responses API ({@code POST {base}/responses}), chosen per model with
 * {@code options.api: responses}. Its reply is a list of output items (reasoning summaries,
 * messages) and a {@code status}; a cut-off answer is {@code incomplete}, not a finish reason.
 */
public final class OpenAiResponsesProvider implements Provider, HttpTransport.ReplyReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelConfig model;
    private final String apiKey;
    private final HttpTransport http;
    private final Dialect dialect;

    public OpenAiResponsesProvider(ModelConfig model, String apiKey, HttpTransport http, Dialect dialect) {
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
        this.dialect = dialect;
        OpenAiProvider.endpoint(model, dialect, "/responses");
    }

    @Override
    public Completion complete(Prompt prompt) {
        return http.exchange(
                new HttpTransport.Post(
                        OpenAiProvider.endpoint(model, dialect, "/responses"),
                        OpenAiProvider.headers(model, apiKey),
                        requestBody(prompt),
                        prompt.timeout(),
                        apiKey),
                this);
    }

    String requestBody(Prompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        if (!prompt.system().isEmpty()) body.put("instructions", prompt.system());
        body.put("input", prompt.user());
        body.put("max_output_tokens", prompt.maxOutputTokens());
        if (OpenAiProvider.isReasoning(model, dialect)) {
            String effort = Options.string(model, "reasoning_effort", null);
            ObjectNode reasoning = body.putObject("reasoning");
            if (effort != null) reasoning.put("effort", effort);
            // Summaries are the only reasoning text this API returns; ask for them so they can be kept apart.
            reasoning.put("summary", Options.string(model, "reasoning_summary", "auto"));
        } else if (prompt.temperature() != null) {
            body.put("temperature", prompt.temperature());
        }
        body.put("store", false); // one-shot calls: nothing to continue later, so nothing kept server-side
        return body.toString();
    }

    @Override
    public Completion classify(HttpTransport.Reply reply) {
        return OpenAiErrors.classify(reply);
    }

    @Override
    public Completion parse(HttpTransport.Reply reply) {
        JsonNode root = Replies.parse(reply.body());
        if (root == null || !root.isObject() || !root.has("status"))
            return Replies.malformed(reply, "reply is not a response object");
        StringBuilder text = new StringBuilder(), reasoning = new StringBuilder(), refusal = new StringBuilder();
        for (JsonNode item : root.path("output")) {
            switch (Replies.text(item, "type")) {
                case "message" ->
                    item.path("content").forEach(part -> {
                        switch (Replies.text(part, "type")) {
                            case "output_text" -> text.append(Replies.text(part, "text"));
                            case "refusal" -> refusal.append(Replies.text(part, "refusal"));
                            default -> {}
                        }
                    });
                case "reasoning" -> {
                    item.path("summary").forEach(s -> append(reasoning, Replies.text(s, "text")));
                    item.path("content").forEach(s -> append(reasoning, Replies.text(s, "text")));
                }
                default -> {}
            }
        }
        JsonNode u = root.path("usage");
        Usage usage = new Usage(
                Replies.tokens(u.get("input_tokens")),
                Replies.tokens(u.get("output_tokens")),
                Replies.tokens(u.path("output_tokens_details").get("reasoning_tokens")));
        String version = Replies.text(root, "model");
        String status = Replies.text(root, "status");
        String incomplete = Replies.text(root.path("incomplete_details"), "reason");
        if ("failed".equals(status)) {
            JsonNode err = root.path("error");
            String code = Replies.text(err, "code");
            // A failed response object means work had started: never a retriable kind, whatever the code.
            FailureKind kind = "invalid_prompt".equals(code) ? FailureKind.BAD_REQUEST : FailureKind.SERVER_ERROR;
            return new Completion.Failed(
                    kind,
                    "response failed: " + code + " " + Replies.text(err, "message"),
                    reply.status(),
                    null,
                    reply.body());
        }
        if ("content_filter".equals(incomplete))
            return new Completion.Refused("content filter", usage, version, reply.body());
        if (!refusal.isEmpty() && text.isEmpty())
            return new Completion.Refused(refusal.toString(), usage, version, reply.body());
        Finish finish = switch (status) {
            case "completed" -> Finish.STOP;
            case "incomplete" -> "max_output_tokens".equals(incomplete) ? Finish.LENGTH : Finish.OTHER;
            default -> Finish.OTHER;
        };
        return new Completion.Answered(text.toString(), reasoning.toString(), finish, usage, version, reply.body());
    }

    private static void append(StringBuilder sb, String part) {
        if (part.isEmpty()) return;
        if (!sb.isEmpty()) sb.append("\n\n");
        sb.append(part);
    }
}
