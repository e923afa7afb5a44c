package autobench.task;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The day's tasks as stored: written once per slot, by the configured generator, fallbacks recorded. */
class DailyTasksTest {
    @TempDir
    Path tmp;

    Config config(Store store, String generator) {
        return TestConfigs.load(
                tmp,
                ("task_generator: " + generator + "\n" + TestConfigs.base(store.freshUrl(tmp), 3))
                        + TestConfigs.stubModel("writer", 9, 30),
                Map.of());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void the_builtin_library_fills_each_slot_once_and_never_repeats_an_earlier_day(Store store) {
        try (Assembly a = TestAssembly.build(config(store, "builtin"))) {
            List<StoredTask> first = a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 1, 1));
            assertThat(first)
                    .hasSize(3)
                    .allMatch(t -> t.generator().equals("builtin") && t.status() == TaskStatus.APPROVED);
            assertThat(a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 1, 1)))
                    .isEqualTo(first);
            List<StoredTask> second = a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 1, 2));
            assertThat(second)
                    .extracting(StoredTask::title)
                    .doesNotContainAnyElementsOf(
                            first.stream().map(StoredTask::title).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_model_generator_that_replies_garbage_falls_back_to_the_library_and_the_task_says_so(Store store) {
        AtomicInteger calls = new AtomicInteger();
        Provider garbage = p -> {
            calls.incrementAndGet();
            return new Completion.Answered(
                    "I would love to help! Here are some ideas...", "", Finish.STOP, new Usage(1, 1, 0), "v", "{}");
        };
        try (Assembly a = TestAssembly.of(config(store, "writer"))
                .providers(Map.of("writer", garbage))
                .build()) {
            List<StoredTask> tasks = a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 1, 1));
            assertThat(tasks).hasSize(3).allSatisfy(t -> {
                assertThat(t.generator()).isEqualTo("model:writer");
                assertThat(t.fallbackReason()).contains("not valid JSON").contains("built-in library");
            });
            a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 1, 1));
            assertThat(calls.get())
                    .as("a full day does not ask the generator again")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_model_generator_with_valid_json_writes_the_days_tasks(Store store) {
        String json = """
                {"tasks":[
                 {"title":"Lighthouse Beam Sweep","category":"animation","brief":"A lighthouse sweeps its beam over a stormy sea at night.","requirements":["Draw a lighthouse on a cliff","Rotate a soft beam of light","Animate waves that catch the light","Rain streaks fall diagonally","Click toggles calm weather"]},
                 {"title":"Marble Run Builder","category":"interactive_toy","brief":"Place ramps and watch marbles roll down them.","requirements":["Drag ramps onto the board","Spawn a marble on click","Marbles roll with gravity","Marbles bounce off walls","Press R to reset"]},
                 {"title":"Tide Chart Explorer","category":"data_visualisation","brief":"Show a week of made-up tide heights as a smooth curve.","requirements":["Generate seven days of tide data in code","Draw a labelled smooth curve","Hover shows the exact height","Shade high and low tide","Animate the curve drawing in"]}
                ]}""";
        Provider writer = p -> new Completion.Answered(json, "", Finish.STOP, new Usage(1, 1, 0), "v", "{}");
        try (Assembly a = TestAssembly.of(config(store, "writer"))
                .providers(Map.of("writer", writer))
                .build()) {
            List<StoredTask> tasks = a.pipeline().dailyTasks().ensure(LocalDate.of(2026, 1, 1));
            assertThat(tasks)
                    .extracting(StoredTask::title)
                    .containsExactlyInAnyOrder("Lighthouse Beam Sweep", "Marble Run Builder", "Tide Chart Explorer");
            assertThat(tasks)
                    .allMatch(t -> t.fallbackReason() == null && t.prompt().contains("## Runtime"));
        }
    }
}
