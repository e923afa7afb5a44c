package autobench.provider;

import autobench.provider.anthropic.AnthropicProvider;
import autobench.provider.demo.DemoProvider;
import autobench.provider.gemini.GeminiProvider;
import autobench.provider.local.LocalModels;
import autobench.provider.local.LocalProvider;
import autobench.provider.openai.Dialect;
import autobench.provider.openai.OpenAiProvider;
import autobench.provider.openai.OpenAiResponsesProvider;
import java.util.List;
import java.util.function.Function;

/** The explicit list of providers. Adding one is a new case here plus one adapter class. */
public final class Providers {
    private Providers() {}

    /** Provider names accepted in the config's {@code provider} field. */
    public static final List<String> NAMES =
            List.of("demo", "openai", "anthropic", "gemini", "deepseek", "openai-compatible", "local");

    /**
     * Whether a provider calls a remote API that needs a key. Compatible endpoints (Ollama,
     * vLLM, llama.cpp server, LM Studio) often run without one, and {@code local} runs in-process.
     */
    public static boolean needsKey(String provider) {
        return switch (provider) {
            case "demo", "openai-compatible", "local" -> false;
            default -> true;
        };
    }

    /**
     * Builds the adapter for one model, sharing the process-wide {@link LocalModels}.
     *
     * @param env reads environment variables (keys come only from there)
     */
    public static Provider create(ModelConfig model, Function<String, String> env, HttpTransport http) {
        return create(model, env, http, LocalModels.shared());
    }

    public static Provider create(ModelConfig model, Function<String, String> env, HttpTransport http, LocalModels local) {
        String key = model.apiKeyEnv() == null ? null : env.apply(model.apiKeyEnv());
        if (key != null && key.isBlank()) key = null;
        if (key == null && needsKey(model.provider())) return missingKey(model);
        return switch (model.provider()) {
            case "demo" -> new DemoProvider(model);
            case "openai" -> openAi(model, key, http, Dialect.OPENAI);
            case "openai-compatible" -> openAi(model, key, http, Dialect.COMPATIBLE);
            case "deepseek" -> new OpenAiProvider(model, key, http, Dialect.DEEPSEEK);
            case "anthropic" -> new AnthropicProvider(model, key, http);
            case "gemini" -> new GeminiProvider(model, key, http);
            case "local" -> new LocalProvider(model, local);
            default -> throw new IllegalArgumentException("unknown provider '" + model.provider() + "'; known: " + NAMES);
        };
    }

    private static Provider openAi(ModelConfig model, String key, HttpTransport http, Dialect dialect) {
        return switch (Options.string(model, "api", "chat")) {
            case "chat" -> new OpenAiProvider(model, key, http, dialect);
            case "responses" -> new OpenAiResponsesProvider(model, key, http, dialect);
            default -> throw new IllegalArgumentException("model '" + model.id() + "': options.api must be chat or responses");
        };
    }

    /** Nothing is sent without a key: the failure names the variable, never a value. */
    private static Provider missingKey(ModelConfig model) {
        String what = model.apiKeyEnv() == null ? "api_key_env is not configured"
                : "environment variable " + model.apiKeyEnv() + " is not set";
        return prompt -> new Completion.Failed(FailureKind.AUTH, "no key: " + what, 0, null, "");
    }
}
