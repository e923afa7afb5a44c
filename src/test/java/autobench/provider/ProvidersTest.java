package autobench.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.provider.anthropic.AnthropicProvider;
import autobench.provider.gemini.GeminiProvider;
import autobench.provider.local.LocalProvider;
import autobench.provider.openai.OpenAiProvider;
import autobench.provider.openai.OpenAiResponsesProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    private final HttpTransport http = new HttpTransport(Clock.systemUTC());

    private static ModelConfig model(String provider, String baseUrl, Map<String, Object> options) {
        return new ModelConfig("id-" + provider, provider, "some-model", baseUrl, "KEY_VAR", 1000, null, Price.FREE, true, 60, options);
    }

    @Test
    void every_listed_name_builds_its_adapter() {
        Map<String, String> env = Map.of("KEY_VAR", "sk-x");
        assertThat(Providers.NAMES).containsExactly("demo", "openai", "anthropic", "gemini", "deepseek", "openai-compatible", "local");
        assertThat(Providers.create(model("openai", null, Map.of()), env::get, http)).isInstanceOf(OpenAiProvider.class);
        assertThat(Providers.create(model("openai", null, Map.of("api", "responses")), env::get, http)).isInstanceOf(OpenAiResponsesProvider.class);
        assertThat(Providers.create(model("anthropic", null, Map.of()), env::get, http)).isInstanceOf(AnthropicProvider.class);
        assertThat(Providers.create(model("gemini", null, Map.of()), env::get, http)).isInstanceOf(GeminiProvider.class);
        assertThat(Providers.create(model("deepseek", null, Map.of()), env::get, http)).isInstanceOf(OpenAiProvider.class);
        assertThat(Providers.create(model("openai-compatible", "http://127.0.0.1:11434/v1", Map.of()), env::get, http)).isInstanceOf(OpenAiProvider.class);
        assertThat(Providers.create(model("local", null, Map.of("model_path", "/nowhere/x.gguf")), env::get, http)).isInstanceOf(LocalProvider.class);
    }

    @Test
    void remote_providers_need_a_key_and_local_ones_do_not() {
        assertThat(Providers.needsKey("openai")).isTrue();
        assertThat(Providers.needsKey("anthropic")).isTrue();
        assertThat(Providers.needsKey("gemini")).isTrue();
        assertThat(Providers.needsKey("deepseek")).isTrue();
        assertThat(Providers.needsKey("openai-compatible")).isFalse();
        assertThat(Providers.needsKey("local")).isFalse();
        assertThat(Providers.needsKey("demo")).isFalse();
    }

    @Test
    void a_missing_key_fails_as_auth_without_sending_anything_and_names_only_the_variable() {
        Provider p = Providers.create(model("anthropic", "http://127.0.0.1:9/v1", Map.of()), name -> null, http);
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
        assertThatThrownBy(() -> Providers.create(model("nope", null, Map.of()), env::get, http)).hasMessageContaining("unknown provider 'nope'");
        assertThatThrownBy(() -> Providers.create(model("openai", null, Map.of("api", "completions")), env::get, http)).hasMessageContaining("options.api");
        assertThatThrownBy(() -> Providers.create(model("openai-compatible", null, Map.of()), env::get, http)).hasMessageContaining("needs base_url");
        assertThatThrownBy(() -> Providers.create(model("local", null, Map.of()), env::get, http)).hasMessageContaining("options.model_path");
        assertThatThrownBy(() -> Providers.create(model("anthropic", null, Map.of("thinking_budget", "lots")), env::get, http))
                .hasMessageContaining("options.thinking_budget");
    }
}
