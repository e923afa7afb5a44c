package autobench.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.WireName;
import autobench.provider.anthropic.AnthropicProvider;
import autobench.provider.gemini.GeminiProvider;
import autobench.provider.local.LocalProvider;
import autobench.provider.openai.OpenAiProvider;
import autobench.provider.openai.OpenAiResponsesProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderKindTest {
    private final HttpTransport http = new HttpTransport(Clock.systemUTC());

    private static ModelConfig model(String provider, String baseUrl, Map<String, Object> options) {
        return new ModelConfig(
                "id-" + provider,
                WireName.find(ProviderKind.class, provider).orElseThrow(),
                "some-model",
                baseUrl,
                "KEY_VAR",
                1000,
                null,
                Price.FREE,
                true,
                60,
                options);
    }

    @Test
    void every_listed_name_builds_its_adapter() {
        Map<String, String> env = Map.of("KEY_VAR", "sk-x");
        assertThat(WireName.names(ProviderKind.class))
                .containsExactly("demo", "openai", "anthropic", "gemini", "deepseek", "openai-compatible", "local");
        assertThat(Adapters.forModel(model("openai", null, Map.of()), env::get, http))
                .isInstanceOf(OpenAiProvider.class);
        assertThat(Adapters.forModel(model("openai", null, Map.of("api", "responses")), env::get, http))
                .isInstanceOf(OpenAiResponsesProvider.class);
        assertThat(Adapters.forModel(model("anthropic", null, Map.of()), env::get, http))
                .isInstanceOf(AnthropicProvider.class);
        assertThat(Adapters.forModel(model("gemini", null, Map.of()), env::get, http))
                .isInstanceOf(GeminiProvider.class);
        assertThat(Adapters.forModel(model("deepseek", null, Map.of()), env::get, http))
                .isInstanceOf(OpenAiProvider.class);
        assertThat(Adapters.forModel(model("openai-compatible", "http://127.0.0.1:11434/v1", Map.of()), env::get, http))
                .isInstanceOf(OpenAiProvider.class);
        assertThat(Adapters.forModel(model("local", null, Map.of("model_path", "/nowhere/x.gguf")), env::get, http))
                .isInstanceOf(LocalProvider.class);
    }

    @Test
    void an_unknown_provider_name_is_not_a_provider() {
        assertThat(WireName.find(ProviderKind.class, "nope")).isEmpty();
        assertThat(WireName.find(ProviderKind.class, "openai_compatible"))
                .as("its own spelling only")
                .isEmpty();
        assertThat(WireName.find(ProviderKind.class, "OpenAI"))
                .as("letter case is the one leniency")
                .contains(ProviderKind.OPENAI);
    }

    @Test
    void paid_providers_need_a_price_and_the_demo_and_local_ones_do_not() {
        assertThat(ProviderKind.values())
                .filteredOn(ProviderKind::needsPrice)
                .containsExactly(
                        ProviderKind.OPENAI,
                        ProviderKind.ANTHROPIC,
                        ProviderKind.GEMINI,
                        ProviderKind.DEEPSEEK,
                        ProviderKind.OPENAI_COMPATIBLE);
    }

    @Test
    void remote_providers_need_a_key_and_local_ones_do_not() {
        assertThat(WireName.find(ProviderKind.class, "openai").orElseThrow().needsKey())
                .isTrue();
        assertThat(WireName.find(ProviderKind.class, "anthropic").orElseThrow().needsKey())
                .isTrue();
        assertThat(WireName.find(ProviderKind.class, "gemini").orElseThrow().needsKey())
                .isTrue();
        assertThat(WireName.find(ProviderKind.class, "deepseek").orElseThrow().needsKey())
                .isTrue();
        assertThat(WireName.find(ProviderKind.class, "openai-compatible")
                        .orElseThrow()
                        .needsKey())
                .isFalse();
        assertThat(WireName.find(ProviderKind.class, "local").orElseThrow().needsKey())
                .isFalse();
        assertThat(WireName.find(ProviderKind.class, "demo").orElseThrow().needsKey())
                .isFalse();
    }

    @Test
    void a_missing_key_fails_as_auth_without_sending_anything_and_names_only_the_variable() {
        Provider p = Adapters.forModel(model("anthropic", "http://127.0.0.1:9/v1", Map.of()), name -> null, http);
        Completion c = p.complete(new Prompt("", "hi", 10, null, Duration.ofSeconds(1)));
        assertThat(c).isInstanceOfSatisfying(Completion.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.AUTH);
            assertThat(f.httpStatus()).isZero();
            assertThat(f.message()).contains("KEY_VAR");
        });
    }

    @Test
    void configuration_mistakes_are_reported_when_the_adapter_is_built() {
        Map<String, String> env = Map.of("KEY_VAR", "sk-x");
        assertThatThrownBy(() -> Adapters.forModel(model("openai", null, Map.of("api", "completions")), env::get, http))
                .hasMessageContaining("options.api");
        assertThatThrownBy(() -> Adapters.forModel(model("openai-compatible", null, Map.of()), env::get, http))
                .hasMessageContaining("needs base_url");
        assertThatThrownBy(() -> Adapters.forModel(model("local", null, Map.of()), env::get, http))
                .hasMessageContaining("options.model_path");
        assertThatThrownBy(() ->
                        Adapters.forModel(model("anthropic", null, Map.of("thinking_budget", "lots")), env::get, http))
                .hasMessageContaining("options.thinking_budget");
    }
}
