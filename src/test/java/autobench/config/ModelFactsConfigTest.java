package autobench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.gallery.ModelInfo;
import autobench.provider.ModelFacts;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** context_window, open_weights and served_from: optional, checked, and carried to the model page's read model. */
class ModelFactsConfigTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            database: "jdbc:sqlite:%s/facts.db"
            render: {enabled: false}
            models:
              - id: gpt-4o
                provider: openai
                model: gpt-4o
                api_key_env: OPENAI_API_KEY
                price: {input: 2.5, output: 10}
                context_window: 128000
                open_weights: false
                served_from: OpenAI API
              - id: local-qwen
                provider: openai-compatible
                model: qwen2.5-coder:7b
                base_url: http://localhost:11434/v1
                price: {input: 0, output: 0}
                open_weights: yes
              - id: demo-grid
                provider: demo
                model: demo-grid
            """;

    Config load(String yaml, Map<String, String> env) {
        return TestConfigs.load(tmp, yaml.formatted(tmp), env);
    }

    @Test
    void the_model_facts_are_optional_and_read_as_written() {
        Config c = load(CONFIG, Map.of("OPENAI_API_KEY", "sk-test"));
        assertThat(c.model("gpt-4o").orElseThrow().facts()).isEqualTo(new ModelFacts(128_000, false, "OpenAI API"));
        assertThat(c.model("local-qwen").orElseThrow().facts()).isEqualTo(new ModelFacts(null, true, null));
        assertThat(c.model("demo-grid").orElseThrow().facts()).isEqualTo(ModelFacts.NONE);
    }

    @Test
    void a_model_fact_can_be_set_from_the_environment() {
        Config c = load(
                CONFIG,
                Map.of(
                        "OPENAI_API_KEY", "sk-test",
                        "AUTOBENCH_MODELS_LOCAL_QWEN_CONTEXT_WINDOW", "32768",
                        "AUTOBENCH_MODELS_LOCAL_QWEN_SERVED_FROM", "llama.cpp on the arena's own server"));
        assertThat(c.model("local-qwen").orElseThrow().facts())
                .isEqualTo(new ModelFacts(32_768, true, "llama.cpp on the arena's own server"));
    }

    @Test
    void a_bad_model_fact_is_named_with_its_key_and_why() {
        String bad = CONFIG.replace("context_window: 128000", "context_window: lots")
                .replace("open_weights: yes", "open_weights: maybe\n    context_window: 0")
                .replace("served_from: OpenAI API", "served_from: \"" + "x".repeat(121) + "\"");
        assertThatThrownBy(() -> load(bad, Map.of("OPENAI_API_KEY", "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[gpt-4o].context_window: must be a whole number, got 'lots'")
                .hasMessageContaining("models[gpt-4o].served_from: must be one line of at most 120 characters")
                .hasMessageContaining("models[local-qwen].open_weights: must be true or false, got 'maybe'")
                .hasMessageContaining("models[local-qwen].context_window: must be between 1 and 100000000, got 0");
    }

    @Test
    void the_facts_are_stored_with_the_model_and_reach_the_read_model_of_its_page() {
        Config c = load(CONFIG, Map.of("OPENAI_API_KEY", "sk-test"));
        try (Assembly a =
                TestAssembly.of(c).env(Map.of("OPENAI_API_KEY", "sk-test")).build()) {
            Map<String, ModelInfo> models = a.website().gallery().models();
            ModelInfo gpt = models.get("gpt-4o");
            assertThat(gpt.priceInput()).isEqualTo(2.5);
            assertThat(gpt.priceOutput()).isEqualTo(10.0);
            assertThat(gpt.contextWindow()).isEqualTo(128_000);
            assertThat(gpt.openWeights()).isFalse();
            assertThat(gpt.servedFrom()).isEqualTo("OpenAI API");
            ModelInfo demo = models.get("demo-grid");
            assertThat(demo.contextWindow()).isNull();
            assertThat(demo.openWeights()).isNull();
            assertThat(demo.servedFrom()).isNull();
        }
    }
}
