package autobench.provider;

import autobench.provider.demo.DemoProvider;
import autobench.provider.openai.OpenAiProvider;
import java.util.List;
import java.util.function.Function;

/** The explicit list of providers. Adding one is a new case here plus one adapter class. */
public final class Providers {
    private Providers() {}

    /** Provider names accepted in the config's {@code provider} field. */
    public static final List<String> NAMES = List.of("demo", "openai", "openai-compatible", "deepseek");

    /** Names of providers that call a remote API and therefore need a key (unless a base_url says otherwise). */
    public static boolean needsKey(String provider) {
        return switch (provider) {
            case "demo", "openai-compatible" -> false;
            default -> true;
        };
    }

    /**
     * Builds the adapter for one model.
     *
     * @param env reads environment variables (keys come only from there)
     */
    public static Provider create(ModelConfig model, Function<String, String> env, HttpTransport http) {
        String key = model.apiKeyEnv() == null ? null : env.apply(model.apiKeyEnv());
        return switch (model.provider()) {
            case "demo" -> new DemoProvider(model);
            case "openai", "openai-compatible" -> new OpenAiProvider(model, key, http);
            case "deepseek" -> new OpenAiProvider(withDefaultBase(model, "https://api.deepseek.com"), key, http);
            default -> throw new IllegalArgumentException("unknown provider '" + model.provider() + "'");
        };
    }

    private static ModelConfig withDefaultBase(ModelConfig m, String base) {
        if (m.baseUrl() != null) return m;
        return new ModelConfig(m.id(), m.provider(), m.model(), base, m.apiKeyEnv(), m.maxOutputTokens(),
                m.temperature(), m.price(), m.enabled(), m.timeoutSeconds(), m.options());
    }
}
