package autobench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.testing.TestConfigs;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir Path tmp;

    static final String GOOD = """
            database: jdbc:sqlite:data/x.db
            zone: Europe/Berlin
            tasks_per_day: 4
            models:
              - id: gpt-4o
                provider: openai
                model: gpt-4o
                api_key_env: OPENAI_API_KEY
                price: {input: 2.5, output: 10}
              - id: demo-grid
                provider: demo
                model: demo-grid
            """;

    Config load(String yaml, Map<String, String> env) {
        return TestConfigs.load(tmp, yaml, env);
    }

    @Test
    void a_valid_config_is_read_with_defaults_filled_in() {
        Config c = load(GOOD, Map.of("OPENAI_API_KEY", "sk-test"));
        assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.tasksPerDay()).isEqualTo(4);
        assertThat(c.taskGenerator()).isEqualTo("builtin");
        assertThat(c.dispatch().maxAttempts()).isEqualTo(3);
        assertThat(c.model("gpt-4o").orElseThrow().price().outputPerMillion()).isEqualTo(10.0);
        assertThat(c.model("demo-grid").orElseThrow().isDemo()).isTrue();
    }

    @Test
    void a_malformed_config_names_the_bad_key() {
        String bad = GOOD.replace("tasks_per_day: 4", "tasks_per_day: many").replace("zone: Europe/Berlin", "zone: Mars/Olympus")
                .replace("output: 10", "output: -1");
        assertThatThrownBy(() -> load(bad, Map.of("OPENAI_API_KEY", "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tasks_per_day: must be a whole number, got 'many'")
                .hasMessageContaining("zone: 'Mars/Olympus' is not a time zone")
                .hasMessageContaining("models[gpt-4o].price.output: must be between");
    }

    @Test
    void an_unknown_key_is_reported_with_a_suggestion() {
        assertThatThrownBy(() -> load(GOOD.replace("tasks_per_day", "tasks_per_dya"), Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("tasks_per_dya: unknown key (did you mean 'tasks_per_day'?)");
    }

    @Test
    void a_missing_key_variable_for_an_enabled_model_is_an_error_naming_the_variable() {
        assertThatThrownBy(() -> load(GOOD, Map.of()))
                .hasMessageContaining("models[gpt-4o].api_key_env: environment variable OPENAI_API_KEY is not set");
        // A disabled model needs no key.
        Config c = load(GOOD.replace("api_key_env: OPENAI_API_KEY", "api_key_env: OPENAI_API_KEY\n    enabled: false"), Map.of());
        assertThat(c.enabledModels()).extracting(m -> m.id()).containsExactly("demo-grid");
    }

    @Test
    void every_value_can_be_overridden_by_an_environment_variable() {
        Config c = load(GOOD, Map.of("OPENAI_API_KEY", "k", "AUTOBENCH_ZONE", "UTC", "AUTOBENCH_TASKS_PER_DAY", "2",
                "AUTOBENCH_DISPATCH_MAX_ATTEMPTS", "5", "AUTOBENCH_MODELS_GPT_4O_MODEL", "gpt-4o-2024-11-20",
                "AUTOBENCH_MODELS_GPT_4O_PRICE_INPUT", "3.0", "AUTOBENCH_DISPATCH_PROVIDER_CONCURRENCY_OPENAI", "8"));
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.tasksPerDay()).isEqualTo(2);
        assertThat(c.dispatch().maxAttempts()).isEqualTo(5);
        assertThat(c.dispatch().concurrencyFor(autobench.provider.ProviderKind.OPENAI)).isEqualTo(8);
        assertThat(c.model("gpt-4o").orElseThrow().model()).isEqualTo("gpt-4o-2024-11-20");
        assertThat(c.model("gpt-4o").orElseThrow().price().inputPerMillion()).isEqualTo(3.0);
    }

    @Test
    void the_stage_lease_defaults_to_a_minute_and_a_too_short_one_is_refused_by_name() {
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k")).schedule().stageLease()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(load(GOOD + "schedule:\n  stage_lease_seconds: 15\n", Map.of("OPENAI_API_KEY", "k")).schedule().stageLeaseSeconds())
                .isEqualTo(15);
        assertThatThrownBy(() -> load(GOOD + "schedule:\n  stage_lease_seconds: 1\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("schedule.stage_lease_seconds");
    }

    @Test
    void the_schedule_defaults_to_the_seed_and_can_be_set_in_the_file_or_the_environment() {
        Config seed = load(GOOD, Map.of("OPENAI_API_KEY", "k"));
        assertThat(seed.schedule()).isEqualTo(autobench.cycle.ScheduleSettings.SEED);
        assertThat(seed.schedule().dispatchAt()).isEqualTo(java.time.LocalTime.of(0, 5));
        Config c = load(GOOD + "schedule:\n  generate_at: \"23:30\"\n  catch_up_days: 3\n",
                Map.of("OPENAI_API_KEY", "k", "AUTOBENCH_SCHEDULE_DISPATCH_AT", "23:45"));
        assertThat(c.schedule().generateAt()).isEqualTo(java.time.LocalTime.of(23, 30));
        assertThat(c.schedule().dispatchAt()).isEqualTo(java.time.LocalTime.of(23, 45));
        assertThat(c.schedule().catchUpDays()).isEqualTo(3);
        assertThatThrownBy(() -> load(GOOD + "schedule:\n  render_at: noon\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("schedule.render_at: 'noon' is not a time of day");
    }

    @Test
    void the_shutdown_grace_period_defaults_to_the_longest_model_timeout() {
        Config c = load(GOOD, Map.of("OPENAI_API_KEY", "k"));
        int longest = c.models().stream().mapToInt(m -> m.timeoutSeconds()).max().orElseThrow();
        assertThat(c.shutdownGrace()).isEqualTo(java.time.Duration.ofSeconds(longest));
        assertThat(load(GOOD + "shutdown_grace_seconds: 20\n", Map.of("OPENAI_API_KEY", "k")).shutdownGrace())
                .isEqualTo(java.time.Duration.ofSeconds(20));
    }

    @Test
    void an_override_variable_that_matches_no_key_is_an_error() {
        assertThatThrownBy(() -> load(GOOD, Map.of("OPENAI_API_KEY", "k", "AUTOBENCH_TASKS_PER_DAYS", "2")))
                .hasMessageContaining("environment variable AUTOBENCH_TASKS_PER_DAYS matches no config key");
    }

    @Test
    void invalid_yaml_reports_the_line() {
        assertThatThrownBy(() -> load("models:\n  - id: x\n   provider: [oops", Map.of()))
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void duplicate_model_ids_and_unknown_providers_are_rejected() {
        String y = GOOD + """
                  - id: demo-grid
                    provider: magic
                    model: m
                """;
        assertThatThrownBy(() -> load(y, Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("models[demo-grid].id: duplicate model id")
                .hasMessageContaining("models[demo-grid].provider: unknown provider 'magic'");
    }

    @Test
    void a_task_generator_must_name_a_configured_model() {
        assertThatThrownBy(() -> load("task_generator: nobody\n" + GOOD, Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("task_generator: 'nobody' is neither 'builtin' nor the id of a configured model");
    }

    @Test
    void the_example_config_in_the_repository_is_valid() {
        Config c = new ConfigLoader(Map.of()).load(Path.of("autobench.example.yaml"), false);
        assertThat(c.models()).isNotEmpty();
        assertThat(c.render().enabled()).isTrue();
        assertThat(c.render().timeLimitSeconds()).isEqualTo(30);
    }

    @Test
    void the_example_config_is_the_seeds_arena_of_four_priced_real_models_and_no_demo_models() {
        Config c = new ConfigLoader(Map.of()).load(Path.of("autobench.example.yaml"), false);
        assertThat(c.models()).extracting(m -> m.provider().wireName())
                .containsExactlyInAnyOrder("openai", "anthropic", "gemini", "deepseek");
        assertThat(c.models()).extracting(m -> m.id()).contains("gpt-4o");
        assertThat(c.models()).allSatisfy(m -> {
            assertThat(m.isDemo()).as(m.id()).isFalse();
            assertThat(m.enabled()).as(m.id()).isTrue();
            assertThat(m.price().inputPerMillion()).as(m.id()).isPositive();
            assertThat(m.price().outputPerMillion()).as(m.id()).isPositive();
            assertThat(m.apiKeyEnv()).as(m.id()).isNotBlank();
        });
    }

    @Test
    void render_lanes_default_to_one_per_core_at_most_four() {
        assertThat(Validator.defaultLanes(1)).isEqualTo(1);
        assertThat(Validator.defaultLanes(2)).isEqualTo(2);
        assertThat(Validator.defaultLanes(64)).isEqualTo(4);
        Config c = new ConfigLoader(Map.of()).load(Path.of("autobench.example.yaml"), false);
        assertThat(c.render().lanes()).isEqualTo(Validator.defaultLanes(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void the_full_example_in_docs_providers_md_is_a_valid_config() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs/providers.md"));
        int start = doc.indexOf("```yaml\nmodels:");
        assertThat(start).as("docs/providers.md has a full example config").isNotNegative();
        String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        Config c = new ConfigLoader(Map.of()).load(TestConfigs.write(tmp, yaml), false);
        assertThat(c.models()).extracting(m -> m.id()).contains("gpt-4o");
        assertThat(c.models().size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void no_config_file_means_the_four_demo_models_on_sqlite() {
        Config c = new ConfigLoader(Map.of()).load(null, true);
        assertThat(c.database()).isEqualTo("jdbc:sqlite:data/autobench.db");
        assertThat(c.models()).hasSize(4).allMatch(m -> m.isDemo());
    }
}
