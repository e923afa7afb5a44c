package autobench.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.ModelConfig;
import autobench.provider.Price;
import autobench.provider.ProviderKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasoningModelsTest {
    private static ModelConfig model(String name, Map<String, Object> options) {
        return new ModelConfig("m", ProviderKind.OPENAI, name, null, "K", 1000, null, Price.FREE, true, 60, options);
    }

    @Test
    void o_series_and_gpt5_family_are_asked_the_reasoning_way() {
        for (String name : new String[] {
            "o1", "o1-preview", "o3", "o3-mini", "o4-mini-2025-04-16", "gpt-5", "gpt-5-mini", "gpt-5.1"
        }) {
            assertThat(OpenAiProvider.isReasoning(model(name, Map.of()), Dialect.OPENAI))
                    .as(name)
                    .isTrue();
        }
        for (String name :
                new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "omni-moderation-latest", "chatgpt-4o-latest"}) {
            assertThat(OpenAiProvider.isReasoning(model(name, Map.of()), Dialect.OPENAI))
                    .as(name)
                    .isFalse();
        }
    }

    @Test
    void an_explicit_option_wins_over_the_name() {
        assertThat(OpenAiProvider.isReasoning(model("gpt-5-chat-latest", Map.of("reasoning", false)), Dialect.OPENAI))
                .isFalse();
        assertThat(OpenAiProvider.isReasoning(model("my-finetune", Map.of("reasoning", "true")), Dialect.OPENAI))
                .isTrue();
        assertThat(OpenAiProvider.isReasoning(model("o3-mini", Map.of()), Dialect.COMPATIBLE))
                .as("names are only trusted on api.openai.com")
                .isFalse();
    }
}
