package autobench.provider.openai;

/**
 * Which flavour of the Chat Completions API an endpoint speaks. The wire shape is shared; what
 * differs is how reasoning models are asked and what a few finish reasons and statuses mean.
 */
public enum Dialect {
    /** api.openai.com: o-series and gpt-5 family need {@code max_completion_tokens} and no temperature. */
    OPENAI("https://api.openai.com/v1"),
    /** api.deepseek.com: {@code deepseek-reasoner} ignores temperature; 402 is an empty balance. */
    DEEPSEEK("https://api.deepseek.com"),
    /** Groq, OpenRouter, Together, Mistral, Ollama, vLLM, llama.cpp server, LM Studio, ...: no default URL. */
    COMPATIBLE(null);

    final String defaultBaseUrl;

    Dialect(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }
}
