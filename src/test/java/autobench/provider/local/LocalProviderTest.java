package autobench.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.ModelConfig;
import autobench.provider.Price;
import autobench.provider.Prompt;
import autobench.provider.ProviderKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local provider on a real llama.cpp, with a tiny random-weight GGUF written by the test. */
class LocalProviderTest {
    @TempDir
    static Path dir;

    static Path tiny, other, silent;
    static final LocalModels models = new LocalModels();

    @BeforeAll
    static void writeModels() throws Exception {
        tiny = TinyGguf.write(dir.resolve("tiny-a.gguf"), 1);
        other = TinyGguf.write(dir.resolve("tiny-b.gguf"), 2);
        silent = TinyGguf.write(dir.resolve("tiny-eos.gguf"), 3, true);
    }

    @AfterAll
    static void unload() {
        models.close();
    }

    private static ModelConfig config(Path gguf) {
        return new ModelConfig(
                "local-tiny",
                ProviderKind.LOCAL,
                "tiny",
                null,
                null,
                16,
                null,
                Price.FREE,
                true,
                30,
                Map.of("model_path", gguf.toString(), "context_size", 256, "threads", 1, "seed", 7));
    }

    private static Prompt prompt(int maxTokens, Duration timeout) {
        return new Prompt("You write programs.", "Make a ball.", maxTokens, 0.8, timeout);
    }

    @Test
    void a_gguf_file_loads_answers_within_the_token_limit_and_reports_usage() {
        Completion c = new LocalProvider(config(tiny), models).complete(prompt(12, Duration.ofSeconds(60)));
        assertThat(c).isInstanceOfSatisfying(Completion.Answered.class, a -> {
            assertThat(a.finish()).isEqualTo(Finish.LENGTH);
            assertThat(a.usage().outputTokens()).isEqualTo(12);
            assertThat(a.usage().inputTokens()).isGreaterThan(5);
            assertThat(a.text()).isNotEmpty();
            assertThat(a.modelVersion()).isEqualTo("tiny-a.gguf");
        });
    }

    @Test
    void a_model_that_stops_by_itself_finishes_with_stop_counting_only_its_end_token() {
        Completion c = new LocalProvider(config(silent), models).complete(prompt(12, Duration.ofSeconds(60)));
        assertThat(c).isInstanceOfSatisfying(Completion.Answered.class, a -> {
            assertThat(a.finish()).isEqualTo(Finish.STOP);
            assertThat(a.usage().outputTokens())
                    .as("just the end-of-sequence token")
                    .isEqualTo(1);
            assertThat(a.text()).isEmpty();
        });
    }

    @Test
    void a_generation_past_its_timeout_is_cancelled_between_tokens() {
        AtomicLong fakeNanos = new AtomicLong();
        // Each reading of the clock moves it 100 ms: a 1 s limit passes after about ten tokens.
        LocalProvider p = new LocalProvider(config(tiny), models, () -> fakeNanos.addAndGet(100_000_000L));
        Completion c = p.complete(prompt(200, Duration.ofSeconds(1)));
        assertThat(c).isInstanceOfSatisfying(Completion.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.message()).contains("after").contains("tokens");
        });
    }

    @Test
    void one_model_is_loaded_at_a_time() {
        new LocalProvider(config(tiny), models).complete(prompt(2, Duration.ofSeconds(60)));
        assertThat(models.loaded().path()).isEqualTo(tiny.toAbsolutePath().normalize());
        Completion c = new LocalProvider(config(other), models).complete(prompt(2, Duration.ofSeconds(60)));
        assertThat(c).isInstanceOf(Completion.Answered.class);
        assertThat(models.loaded().path()).isEqualTo(other.toAbsolutePath().normalize());
    }

    @Test
    void a_missing_or_broken_file_is_a_configuration_error() throws Exception {
        Completion missing = new LocalProvider(config(dir.resolve("absent.gguf")), models)
                .complete(prompt(2, Duration.ofSeconds(5)));
        assertThat(missing)
                .isInstanceOfSatisfying(
                        Completion.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_REQUEST));
        Path broken = Files.writeString(dir.resolve("broken.gguf"), "not a gguf file");
        Completion c = new LocalProvider(config(broken), models).complete(prompt(2, Duration.ofSeconds(5)));
        assertThat(c)
                .isInstanceOfSatisfying(
                        Completion.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_REQUEST));
    }
}
