package autobench.provider;

import java.util.Map;

/**
 * One configured model, as validated from the config file.
 *
 * @param id              the arena's stable id for this model (used in URLs, votes, the ledger)
 * @param provider        which adapter talks to it
 * @param model           the provider's own model name
 * @param baseUrl         API base URL override, or {@code null} for the provider default
 * @param apiKeyEnv       name of the environment variable that holds the key, or {@code null}
 * @param maxOutputTokens output token limit per call
 * @param temperature     sampling temperature, or {@code null} to send none
 * @param price           USD per million tokens
 * @param enabled         disabled models keep their history but get no new calls
 * @param timeoutSeconds  per-call timeout
 * @param options         provider-specific extras (e.g. {@code reasoning: true}, {@code headers})
 * @param facts           context window, open weights, where it is served from: shown to visitors, optional
 */
public record ModelConfig(
        String id,
        ProviderKind provider,
        String model,
        String baseUrl,
        String apiKeyEnv,
        int maxOutputTokens,
        Double temperature,
        Price price,
        boolean enabled,
        int timeoutSeconds,
        Map<String, Object> options,
        ModelFacts facts) {

    public ModelConfig {
        options = options == null ? Map.of() : Map.copyOf(options);
        facts = facts == null ? ModelFacts.NONE : facts;
    }

    /** A model with nothing stated about it beyond what calling it needs. */
    public ModelConfig(
            String id,
            ProviderKind provider,
            String model,
            String baseUrl,
            String apiKeyEnv,
            int maxOutputTokens,
            Double temperature,
            Price price,
            boolean enabled,
            int timeoutSeconds,
            Map<String, Object> options) {
        this(
                id,
                provider,
                model,
                baseUrl,
                apiKeyEnv,
                maxOutputTokens,
                temperature,
                price,
                enabled,
                timeoutSeconds,
                options,
                ModelFacts.NONE);
    }

    public boolean isDemo() {
        return provider == ProviderKind.DEMO;
    }
}
