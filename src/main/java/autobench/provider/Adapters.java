package autobench.provider;

import autobench.provider.anthropic.AnthropicProvider;
import autobench.provider.demo.DemoProvider;
import autobench.provider.gemini.GeminiProvider;
import autobench.provider.local.LocalModels;
import autobench.provider.local.LocalProvider;
import autobench.provider.openai.Dialect;
import autobench.provider.openai.OpenAiProvider;
import autobench.provider.openai.OpenAiResponsesProvider;
import java.util.function.Function;

/**
 * Builds the adapter of a configured model. Kept apart from {@link ProviderKind} (a name and its
 * defaults) so that reading a model's config does not reach the code that calls it: the web role's
 * module may hold a {@link ModelConfig}, never an adapter (ArchitectureTest).
 */
public final class Adapters {
    private Adapters() {}

    /**
     * Builds the adapter for one model, sharing the process-wide {@link LocalModels}.
     *
     * @param env reads environment variables (keys come only from there)
     */
    public static Provider forModel(ModelConfig model, Function<String, String> env, HttpTransport http) {
        return forModel(model, env, http, LocalModels.shared());
    }

    public static Provider forModel(
            ModelConfig model, Function<String, String> env, HttpTransport http, LocalModels local) {
        String key = model.apiKeyEnv() == null ? null : env.apply(model.apiKeyEnv());
        if (key != null && key.isBlank()) key = null;
        if (key == null && model.provider().needsKey()) return missingKey(model);
        return switch (model.provider()) {
            case DEMO -> new DemoProvider(model);
            case OPENAI -> openAi(model, key, http, Dialect.OPENAI);
            case OPENAI_COMPATIBLE -> openAi(model, key, http, Dialect.COMPATIBLE);
            case DEEPSEEK -> new OpenAiProvider(model, key, http, Dialect.DEEPSEEK);
            case ANTHROPIC -> new AnthropicProvider(model, key, http);
            case GEMINI -> new GeminiProvider(model, key, http);
            case LOCAL -> new LocalProvider(model, local);
        };
    }

    private static Provider openAi(ModelConfig model, String key, HttpTransport http, Dialect dialect) {
        return switch (Options.string(model, "api", "chat")) {
            case "chat" -> new OpenAiProvider(model, key, http, dialect);
            case "responses" -> new OpenAiResponsesProvider(model, key, http, dialect);
            default ->
                throw new IllegalArgumentException("model '" + model.id() + "': options.api must be chat or responses");
        };
    }

    /** Nothing is sent without a key: the failure names the variable, never a value. */
    private static Provider missingKey(ModelConfig model) {
        String what = model.apiKeyEnv() == null
                ? "api_key_env is not configured"
                : "environment variable " + model.apiKeyEnv() + " is not set";
        return prompt -> new Completion.Failed(FailureKind.AUTH, "no key: " + what, 0, null, "");
    }
}
