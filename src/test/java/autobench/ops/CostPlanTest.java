package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autobench.cli.AppAccess;
import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.ScheduleSettings;
import autobench.cycle.Stage;
import autobench.cycle.StageRuns;
import autobench.dispatch.CallLedger.AverageTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `autobench plan`: the expected cost of a config, the seed's estimate beside it, and what `schedule` would do first. */
class CostPlanTest {
    static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

    @TempDir
    Path tmp;

    Config example() {
        return new ConfigLoader(Map.of()).load(Path.of("autobench.example.yaml"), false);
    }

    @Test
    void the_example_config_costs_what_its_prices_say_assumed_answers_and_at_the_cap() {
        CostPlan.Plan plan = CostPlan.of(example(), (m, w) -> Optional.empty());
        assertThat(plan.callsPerDay()).isEqualTo(12);
        // 3 tasks × Σ(1,000 × input + 4,000 × output) / 10^6 over the four models' prices
        assertThat(plan.perDay()).isCloseTo(3 * (1000 * 5.05 + 4000 * 22.7) / 1e6, within(1e-9));
        assertThat(plan.perDay() * 30).isCloseTo(8.63, within(0.005));
        assertThat(plan.perDayAtCap() * 30).isCloseTo(16.80, within(0.005));
        assertThat(plan.outputTokensForSeedHigh()).isCloseTo((5.0 / 90 * 1e6 - 5050) / 22.7, within(1e-6));
        assertThat(plan.lines()).allSatisfy(l -> assertThat(l.fromHistory()).isFalse());
    }

    @Test
    void the_ledgers_averages_replace_the_assumption_and_a_task_writer_is_one_more_call() {
        Config c = new ConfigLoader(Map.of("AUTOBENCH_TASK_GENERATOR", "gpt-4o"))
                .load(Path.of("autobench.example.yaml"), false);
        CostPlan.Plan plan = CostPlan.of(
                c,
                (m, writer) -> m.equals("gpt-4o") && !writer
                        ? Optional.of(new AverageTokens(9, 800, 2000))
                        : Optional.empty());
        assertThat(plan.callsPerDay()).isEqualTo(13);
        CostPlan.Line gpt = plan.lines().get(0);
        assertThat(gpt.fromHistory()).isTrue();
        assertThat(gpt.perCall()).isCloseTo((800 * 2.5 + 2000 * 10.0) / 1e6, within(1e-12));
        assertThat(plan.lines())
                .filteredOn(l -> l.role().equals("task writer"))
                .singleElement()
                .satisfies(l -> assertThat(l.callsPerDay()).isEqualTo(1));
        assertThat(String.join("\n", plan.text())).contains("800/2000*");
    }

    @Test
    void on_a_fresh_database_the_first_schedule_run_catches_up_yesterday_and_says_so() {
        ScheduleSettings seed = ScheduleSettings.SEED;
        SchedulePreview fresh =
                SchedulePreview.of(NOW, ZoneOffset.UTC, 1, (s, d) -> due(seed, s, d), (s, d) -> Optional.empty());
        assertThat(fresh.catchUpDays()).containsExactly(LocalDate.of(2026, 12, 5));
        assertThat(fresh.steps()).filteredOn(SchedulePreview.Step::runNow).hasSize(8);
        assertThat(fresh.text(12).get(0))
                .isEqualTo("Catching up 1 missed day(s) first: [2026-12-05 (up to 12 model calls)]");

        SchedulePreview caughtUp = SchedulePreview.of(
                NOW,
                ZoneOffset.UTC,
                1,
                (s, d) -> due(seed, s, d),
                (s, d) ->
                        d.isBefore(LocalDate.of(2026, 12, 6)) ? Optional.of(StageRuns.Status.DONE) : Optional.empty());
        assertThat(caughtUp.catchUpDays()).isEmpty();
        SchedulePreview early = SchedulePreview.of(
                Instant.parse("2026-12-06T00:02:00Z"),
                ZoneOffset.UTC,
                0,
                (s, d) -> due(seed, s, d),
                (s, d) -> Optional.empty());
        assertThat(early.steps())
                .filteredOn(st -> st.stage() == Stage.DISPATCH)
                .singleElement()
                .satisfies(st -> assertThat(st.state()).isEqualTo("due at 00:05"));
    }

    @Test
    void plan_prints_the_cost_the_seeds_estimate_and_the_catch_up_without_writing_anything() throws Exception {
        Path db = tmp.resolve("plan.db");
        Path cfg = tmp.resolve("autobench.yaml");
        Files.writeString(
                cfg,
                Files.readString(Path.of("autobench.example.yaml"))
                        .replace("database: jdbc:sqlite:data/autobench.db", "database: jdbc:sqlite:" + db));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        int code;
        try {
            var cl = AppAccess.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            code = cl.execute("plan", "--config", cfg.toString());
        } finally {
            System.setOut(old);
        }
        String text = out.toString();
        assertThat(code).as(text).isZero();
        assertThat(text)
                .contains(
                        "expected",
                        "$8.63",
                        "$16.80",
                        "The seed's estimate: 12 calls a day",
                        "answers average at most 2,225 output tokens",
                        "Catching up 1 missed day(s) first");
        List<String> tables = List.of("models", "tasks", "provider_calls", "stage_runs");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var s = c.createStatement()) {
            for (String t : tables) {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    assertThat(rs.getInt(1)).as(t).isZero();
                }
            }
        }
    }

    private static Instant due(ScheduleSettings s, Stage stage, LocalDate day) {
        var t = switch (stage) {
            case GENERATE, SNAPSHOT -> s.generateAt();
            case DISPATCH -> s.dispatchAt();
            case RENDER -> s.renderAt();
        };
        return day.atTime(t).toInstant(ZoneOffset.UTC);
    }
}
