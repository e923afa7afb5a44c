package autobench.provider;

import autobench.WireName;
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
 * The explicit list of providers, and everything the rest of the system needs to know about one:
 * its name in the config, whether it needs a key and a price, and how to build its adapter.
 * Adding a provider is one constant here plus one adapter class.
 */
public enum ProviderKind implements WireName {
    /** Deterministic canvas programs, not an AI model: no key, no price, never mixed with real ratings. */
    DEMO("demo", false, false),
    OPENAI("openai", true, true),
    ANTHROPIC("anthropic", true, true),
    GEMINI("gemini", true, true),
    DEEPSEEK("deepseek", true, true),
    /** Groq, OpenRouter, Ollama, vLLM, llama.cpp server, LM Studio: local ones often run without a key. */
    OPENAI_COMPATIBLE("openai-compatible", false, true),
    /** A GGUF file run in-process: no key, and no price unless one is given. */
    LOCAL("local", false, false);

    private final String wireName;
    private final boolean needsKey;
    private final boolean needsPrice;

    ProviderKind(String wireName, boolean needsKey, boolean needsPrice) {
        this.wireName = wireName;
        this.needsKey = needsKey;
        this.needsPrice = needsPrice;
    }

    /** The name used in the config's {@code provider} field and stored in the models table. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** Whether nothing may be sent without a key (an api_key_env is then required by the config). */
    public boolean needsKey() {
        return needsKey;
    }

    /** Whether the config must say what a million tokens cost (0 is allowed, a missing price is not). */
    public boolean needsPrice() {
        return needsPrice;
    }

    /**
     * Builds the adapter for one model, sharing the process-wide {@link LocalModels}.
     *
     * @param env reads environment variables (keys come only from there)
     */
    public static Provider adapterFor(ModelConfig model, Function<String, String> env, HttpTransport http) {
        return adapterFor(model, env, http, LocalModels.shared());
    }

    public static Provider adapterFor(ModelConfig model, Function<String, String> env, HttpTransport http, LocalModels local) {
        String key = model.apiKeyEnv() == null ? null : env.apply(model.apiKeyEnv());
        if (key != null && key.isBlank()) key = null;
        if (key == null && model.provider().needsKey) return missingKey(model);
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
