package autobench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.cycle.ScheduleSettings;
import autobench.db.Database;
import autobench.provider.ProviderKind;
import autobench.testing.TestConfigs;
import autobench.vote.VoteSettings;
import autobench.wiring.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

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
    void the_database_pool_size_is_the_default_unless_set_and_reaches_the_pool() {
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k")).databasePoolSize()).isNull();
        Config c = load(GOOD + "database_pool_size: 24\n", Map.of("OPENAI_API_KEY", "k"));
        assertThat(c.databasePoolSize()).isEqualTo(24);
        assertThatThrownBy(() -> load(GOOD + "database_pool_size: 0\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("database_pool_size");
        try (var db = Storage.openDatabase(
                c.withDatabase("jdbc:sqlite:" + tmp.resolve("pool.db")), Map.<String, String>of()::get)) {
            assertThat(db.poolSize()).isEqualTo(24);
        }
        try (var db = Storage.openDatabase(
                load(GOOD, Map.of("OPENAI_API_KEY", "k")).withDatabase("jdbc:sqlite:" + tmp.resolve("default.db")),
                Map.<String, String>of()::get)) {
            assertThat(db.poolSize()).isEqualTo(Database.SQLITE_POOL);
        }
    }

    @Test
    void a_malformed_config_names_the_bad_key() {
        String bad = GOOD.replace("tasks_per_day: 4", "tasks_per_day: many")
                .replace("zone: Europe/Berlin", "zone: Mars/Olympus")
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
        Config c = load(
                GOOD.replace("api_key_env: OPENAI_API_KEY", "api_key_env: OPENAI_API_KEY\n    enabled: false"),
                Map.of());
        assertThat(c.enabledModels()).extracting(m -> m.id()).containsExactly("demo-grid");
    }

    @Test
    void a_web_signing_key_shorter_than_32_characters_is_refused_naming_its_variable() {
        String yaml = GOOD + "web:\n  secret_env: WEB_KEY\n";
        Map<String, String> keys = Map.of("OPENAI_API_KEY", "sk-test");
        assertThatThrownBy(() -> load(yaml, new HashMap<>(Map.of("OPENAI_API_KEY", "sk-test", "WEB_KEY", "short"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("web.secret_env: the key in WEB_KEY is too short");
        Map<String, String> good = new HashMap<>(keys);
        good.put("WEB_KEY", "k".repeat(32));
        assertThat(load(yaml, good).web().secretEnv()).isEqualTo("WEB_KEY");
    }

    @Test
    void every_value_can_be_overridden_by_an_environment_variable() {
        Config c = load(
                GOOD,
                Map.of(
                        "OPENAI_API_KEY",
                        "k",
                        "AUTOBENCH_ZONE",
                        "UTC",
                        "AUTOBENCH_TASKS_PER_DAY",
                        "2",
                        "AUTOBENCH_DISPATCH_MAX_ATTEMPTS",
                        "5",
                        "AUTOBENCH_MODELS_GPT_4O_MODEL",
                        "gpt-4o-2024-11-20",
                        "AUTOBENCH_MODELS_GPT_4O_PRICE_INPUT",
                        "3.0",
                        "AUTOBENCH_DISPATCH_PROVIDER_CONCURRENCY_OPENAI",
                        "8"));
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.tasksPerDay()).isEqualTo(2);
        assertThat(c.dispatch().maxAttempts()).isEqualTo(5);
        assertThat(c.dispatch().concurrencyFor(ProviderKind.OPENAI)).isEqualTo(8);
        assertThat(c.model("gpt-4o").orElseThrow().model()).isEqualTo("gpt-4o-2024-11-20");
        assertThat(c.model("gpt-4o").orElseThrow().price().inputPerMillion()).isEqualTo(3.0);
    }

    @Test
    void the_stage_lease_defaults_to_a_minute_and_a_too_short_one_is_refused_by_name() {
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k")).schedule().stageLease())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(load(GOOD + "schedule:\n  stage_lease_seconds: 15\n", Map.of("OPENAI_API_KEY", "k"))
                        .schedule()
                        .stageLeaseSeconds())
                .isEqualTo(15);
        assertThatThrownBy(() -> load(GOOD + "schedule:\n  stage_lease_seconds: 1\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("schedule.stage_lease_seconds");
    }

    @Test
    void the_schedule_defaults_to_the_seed_and_can_be_set_in_the_file_or_the_environment() {
        Config seed = load(GOOD, Map.of("OPENAI_API_KEY", "k"));
        assertThat(seed.schedule()).isEqualTo(ScheduleSettings.SEED);
        assertThat(seed.schedule().dispatchAt()).isEqualTo(LocalTime.of(0, 5));
        Config c = load(
                GOOD + "schedule:\n  generate_at: \"23:30\"\n  catch_up_days: 3\n",
                Map.of("OPENAI_API_KEY", "k", "AUTOBENCH_SCHEDULE_DISPATCH_AT", "23:45"));
        assertThat(c.schedule().generateAt()).isEqualTo(LocalTime.of(23, 30));
        assertThat(c.schedule().dispatchAt()).isEqualTo(LocalTime.of(23, 45));
        assertThat(c.schedule().catchUpDays()).isEqualTo(3);
        assertThatThrownBy(() -> load(GOOD + "schedule:\n  render_at: noon\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("schedule.render_at: 'noon' is not a time of day");
    }

    @Test
    void
            the_voting_limits_default_to_a_24_and_64_network_and_four_seconds_and_can_be_set_in_the_file_or_the_environment() {
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k")).voting()).isEqualTo(VoteSettings.DEFAULTS);
        Config c = load(
                GOOD
                        + "voting:\n  network_cap_per_day: 50\n  ipv4_prefix: 22\n  ipv6_prefix: 56\n  min_view_seconds: 0\n",
                Map.of("OPENAI_API_KEY", "k", "AUTOBENCH_VOTING_VISITOR_CAP_PER_DAY", "30"));
        assertThat(c.voting()).isEqualTo(new VoteSettings(30, 50, Duration.ofHours(1), Duration.ZERO, 22, 56, 1));
        assertThatThrownBy(() ->
                        load(GOOD + "voting:\n  ipv6_prefix: 8\n  address_cap: 3\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("voting.ipv6_prefix")
                .hasMessageContaining("voting.address_cap");
    }

    @Test
    void the_shutdown_grace_period_defaults_to_the_longest_model_timeout() {
        Config c = load(GOOD, Map.of("OPENAI_API_KEY", "k"));
        int longest =
                c.models().stream().mapToInt(m -> m.timeoutSeconds()).max().orElseThrow();
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(longest));
        assertThat(load(GOOD + "shutdown_grace_seconds: 20\n", Map.of("OPENAI_API_KEY", "k"))
                        .shutdownGrace())
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void reveal_after_days_defaults_to_one_day_can_be_set_in_the_file_or_the_environment_and_is_never_negative() {
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k")).voting().revealAfterDays())
                .isEqualTo(1);
        assertThat(load(GOOD + "voting:\n  reveal_after_days: 0\n", Map.of("OPENAI_API_KEY", "k"))
                        .voting()
                        .revealAfterDays())
                .isZero();
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k", "AUTOBENCH_VOTING_REVEAL_AFTER_DAYS", "3"))
                        .voting()
                        .revealAfterDays())
                .isEqualTo(3);
        assertThatThrownBy(() -> load(GOOD + "voting:\n  reveal_after_days: -1\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("voting.reveal_after_days")
                .hasMessageContaining("between 0 and 366");
        assertThatThrownBy(() -> load(GOOD + "voting:\n  reveal_after_days: tomorrow\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("voting.reveal_after_days")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> load(GOOD + "voting:\n  reveal_after: 1\n", Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("voting.reveal_after");
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

    // Found by ConfigFuzzTest (seed 37): a null option value made ModelConfig throw a NullPointerException.
    @Test
    void an_option_without_a_value_is_refused_with_its_key() {
        String y = GOOD.replace("model: demo-grid", "model: demo-grid\n    options: {seed: 1, headers: ~}");
        assertThatThrownBy(() -> load(y, Map.of("OPENAI_API_KEY", "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[demo-grid].options.headers: has no value");
    }

    // Found by ConfigFuzzTest (seed 92): the nesting limit was reported without the line it was hit on.
    @Test
    void yaml_nested_too_deeply_is_refused_with_its_line() {
        assertThatThrownBy(() -> load(GOOD + "extra: " + "[".repeat(1500), Map.of("OPENAI_API_KEY", "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML at line 13")
                .hasMessageContaining("nesting depth");
    }

    // Found by ConfigFuzzTest: bytes that are not UTF-8 were reported as "cannot read config file: Input length = 1".
    @Test
    void a_config_file_that_is_not_utf8_is_refused_with_its_line() throws Exception {
        Path f = tmp.resolve("latin1.yaml");
        Files.write(f, GOOD.replace("Europe/Berlin", "Europe/M\u00fcnchen").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new ConfigLoader(Map.of("OPENAI_API_KEY", "k")).load(f, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid UTF-8 at line 2");
    }

    // Found while fuzzing the config: a NUL character in a path threw InvalidPathException out of the loader.
    @Test
    void a_chromium_path_with_a_nul_character_is_refused_with_its_key() {
        assertThatThrownBy(() ->
                        load(GOOD + "render: {chromium: \"/usr/bin/chro\\0mium\"}\n", Map.of("OPENAI_API_KEY", "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("render.chromium:");
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
    void the_admin_token_variable_must_be_set_and_long_and_the_export_directory_must_exist() {
        String web = GOOD + "web:\n  admin_token_env: ADMIN_TOKEN\n  export_dir: " + tmp.resolve("nowhere") + "\n";
        assertThatThrownBy(() -> load(web, Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("web.admin_token_env: environment variable ADMIN_TOKEN is not set")
                .hasMessageContaining("web.export_dir: " + tmp.resolve("nowhere") + " is not a directory");
        assertThatThrownBy(() -> load(web, Map.of("OPENAI_API_KEY", "k", "ADMIN_TOKEN", "short")))
                .hasMessageContaining("shorter than 16 characters");
        Config c = load(
                web.replace(tmp.resolve("nowhere").toString(), tmp.toString()),
                Map.of("OPENAI_API_KEY", "k", "ADMIN_TOKEN", "a-token-long-enough-for-this"));
        assertThat(c.web().adminTokenEnv()).isEqualTo("ADMIN_TOKEN");
        assertThat(c.web().exportDir()).isEqualTo(tmp.toString());
        assertThat(load(GOOD, Map.of("OPENAI_API_KEY", "k")).web().adminTokenEnv())
                .as("off by default")
                .isNull();
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
        assertThat(c.models())
                .extracting(m -> m.provider().wireName())
                .containsExactlyInAnyOrder("openai", "anthropic", "gemini", "deepseek");
        assertThat(c.models())
                .extracting(m -> m.provider())
                .contains(ProviderKind.OPENAI, ProviderKind.ANTHROPIC, ProviderKind.GEMINI, ProviderKind.DEEPSEEK);
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
        assertThat(c.render().lanes())
                .isEqualTo(Validator.defaultLanes(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void the_full_example_in_docs_providers_md_is_a_valid_config() throws Exception {
        String doc = Files.readString(Path.of("docs/providers.md"));
        int start = doc.indexOf("```yaml\nmodels:");
        assertThat(start).as("docs/providers.md has a full example config").isNotNegative();
        String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        Config c = new ConfigLoader(Map.of()).load(TestConfigs.write(tmp, yaml), false);
        assertThat(c.models())
                .extracting(m -> m.provider())
                .contains(ProviderKind.OPENAI, ProviderKind.ANTHROPIC, ProviderKind.GEMINI, ProviderKind.DEEPSEEK);
        assertThat(c.models().size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void no_config_file_means_the_four_demo_models_on_sqlite() {
        Config c = new ConfigLoader(Map.of()).load(null, true);
        assertThat(c.database()).isEqualTo("jdbc:sqlite:data/autobench.db");
        assertThat(c.models()).hasSize(4).allMatch(m -> m.isDemo());
    }
}
