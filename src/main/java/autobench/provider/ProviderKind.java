package autobench.provider;

import autobench.WireName;

/**
 * The explicit list of providers, and everything the rest of the system needs to know about one:
 * its name in the config, whether it needs a key and a price (its adapter is built by {@link Adapters}).
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
}
