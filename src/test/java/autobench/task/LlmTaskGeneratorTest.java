package autobench.task;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.runtime.Libraries;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LlmTaskGeneratorTest {
    static final BuiltinLibrary LIBRARY = new BuiltinLibrary();
    static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    static LlmTaskGenerator generator(Provider provider) {
        return new LlmTaskGenerator(provider, "gpt-test", 4000, Duration.ofSeconds(60), LIBRARY);
    }

    static Provider answering(String text) {
        return prompt -> new Completion.Answered(text, "", Finish.STOP, new Usage(100, 100, 0), "gpt-test-1", "");
    }

    static String task(String title, String category, String... requirements) {
        StringBuilder r = new StringBuilder();
        for (String req : requirements)
            r.append(r.isEmpty() ? "" : ", ").append('"').append(req).append('"');
        return "{\"title\": \"" + title + "\", \"category\": \"" + category + "\", \"brief\": \"Build " + title
                + " as a small, polished browser piece that moves on its own.\", \"requirements\": [" + r + "]}";
    }

    static final String TIDE_POOL = task(
            "Tide Pool Crabs",
            "simulation",
            "Crabs scuttle sideways between rocks and hide when a wave comes in.",
            "Waves wash in and out every ten seconds, moving sand and shells.",
            "Clicking drops a piece of food that the nearest crabs race for.",
            "A counter shows how many crabs are out in the open.");
    static final String ORIGAMI = task(
            "Origami Crane Folding",
            "animation",
            "A square sheet folds itself into a crane step by step, with shading on each fold.",
            "Each fold eases in and out and pauses briefly before the next.",
            "Hovering the sheet slows the folding down.");
    static final String ABACUS = task(
            "Abacus Calculator Widget",
            "ui_widget",
            "Beads slide along rods with a little inertia and click into place.",
            "The value of the abacus is shown as a number above it.",
            "Typing a number animates the beads to show it.");
    static final String BEE_GAME = task(
            "Pollen Run Bee Game",
            "game",
            "The player steers a bee between flowers to collect pollen before dusk.",
            "A bot flies the bee until the first key press.",
            "Score, time left and a restart are shown.");
    static final String STARS = task(
            "Star Chart Constellations",
            "data_visualisation",
            "Stars are plotted by invented right ascension and declination, sized by brightness.",
            "Constellation lines draw themselves in one by one.",
            "Hovering a star shows its made-up name and magnitude.");

    static String reply(String... tasks) {
        return "{\"tasks\": [" + String.join(", ", tasks) + "]}";
    }

    @Test
    void a_valid_json_reply_becomes_the_days_tasks() {
        TaskGenerator.Generated g = generator(answering(reply(TIDE_POOL, ORIGAMI, ABACUS, BEE_GAME, STARS)))
                .generate(DAY, 3, List.of());
        assertThat(g.generator()).isEqualTo("model:gpt-test");
        assertThat(g.fallbackReason()).isNull();
        assertThat(g.tasks())
                .extracting(TaskSpec::title)
                .containsExactly("Tide Pool Crabs", "Origami Crane Folding", "Abacus Calculator Widget");
        assertThat(g.tasks())
                .extracting(TaskSpec::category)
                .containsExactly(Category.SIMULATION, Category.ANIMATION, Category.UI_WIDGET);
        assertThat(g.tasks()).allSatisfy(t -> {
            PromptFormatTest.assertWellFormed(t, 3, 10);
            assertThat(t.theme()).startsWith("llm:");
        });
        assertThat(g.tasks().get(0).prompt()).contains("1. Crabs scuttle sideways", "4. A counter shows");
    }

    @Test
    void json_inside_a_fence_with_prose_around_it_is_accepted() {
        String text = "Here are today's tasks!\n\n```json\n" + reply(TIDE_POOL, ORIGAMI, ABACUS)
                + "\n```\n\nEnjoy {the} arena.";
        TaskGenerator.Generated g = generator(answering(text)).generate(DAY, 3, List.of());
        assertThat(g.fallbackReason()).isNull();
        assertThat(g.tasks())
                .extracting(TaskSpec::title)
                .containsExactly("Tide Pool Crabs", "Origami Crane Folding", "Abacus Calculator Widget");
    }

    @Test
    void reasoning_prose_and_a_trailing_comma_are_tolerated() {
        String text = "<think>Maybe {\"tasks\": []} would be lazy.</think>Sure, see below: " + "{\"tasks\": ["
                + TIDE_POOL + ", " + ORIGAMI + ",],} Thanks.";
        TaskGenerator.Generated g = generator(answering(text)).generate(DAY, 2, List.of());
        assertThat(g.fallbackReason()).isNull();
        assertThat(g.tasks()).hasSize(2);
    }

    @Test
    void a_garbage_reply_falls_back_to_the_library_and_records_why() {
        TaskGenerator.Generated g = generator(answering("I would love to help! Task one: a spinning cube."))
                .generate(DAY, 3, List.of());
        assertThat(g.generator()).isEqualTo("model:gpt-test");
        assertThat(g.fallbackReason())
                .isEqualTo("model gpt-test: reply was not valid JSON; 3 tasks from the built-in library");
        assertThat(g.tasks()).hasSize(3).allSatisfy(t -> assertThat(t.theme()).doesNotStartWith("llm:"));
        assertThat(g.tasks().stream().map(TaskSpec::category).distinct()).hasSize(3);
    }

    @Test
    void json_without_a_task_list_is_reported_as_such() {
        TaskGenerator.Generated g =
                generator(answering("{\"ideas\": \"none today\"}")).generate(DAY, 1, List.of());
        assertThat(g.fallbackReason()).contains("no \"tasks\" list").endsWith("1 task from the built-in library");
    }

    @Test
    void a_reply_cut_off_at_the_token_limit_says_so() {
        String cut = reply(TIDE_POOL, ORIGAMI).substring(0, 200);
        Provider p = prompt -> new Completion.Answered(cut, "", Finish.LENGTH, Usage.NONE, "", "");
        assertThat(generator(p).generate(DAY, 2, List.of()).fallbackReason()).contains("not valid JSON", "token limit");
    }

    @Test
    void a_failed_call_falls_back_to_the_library() {
        Provider p = prompt -> Completion.Failed.of(FailureKind.TIMEOUT, "no reply within 60s");
        TaskGenerator.Generated g = generator(p).generate(DAY, 3, List.of());
        assertThat(g.tasks()).hasSize(3);
        assertThat(g.fallbackReason())
                .isEqualTo(
                        "model gpt-test: call failed (timeout: no reply within 60s); 3 tasks from the built-in library");
    }

    @Test
    void a_refusal_or_a_throwing_provider_falls_back_to_the_library() {
        Provider refuses = prompt -> new Completion.Refused("content filter", Usage.NONE, "", "");
        assertThat(generator(refuses).generate(DAY, 2, List.of()).fallbackReason())
                .contains("model refused (content filter)");
        Provider throwing = prompt -> {
            throw new IllegalStateException("bug");
        };
        TaskGenerator.Generated g = generator(throwing).generate(DAY, 2, List.of());
        assertThat(g.tasks()).hasSize(2);
        assertThat(g.fallbackReason()).contains("call failed");
    }

    @Test
    void a_duplicate_of_history_is_replaced() {
        TaskSpec earlier = generator(answering(reply(TIDE_POOL)))
                .generate(DAY.minusDays(30), 1, List.of())
                .tasks()
                .get(0);
        // The same task again, reworded a little and with a new title: still the same task.
        String again = TIDE_POOL
                .replace("Tide Pool Crabs", "Crabs of the Tide Pool")
                .replace("every ten seconds", "every twelve seconds");
        TaskGenerator.Generated g =
                generator(answering(reply(again, ORIGAMI, ABACUS))).generate(DAY, 3, List.of(earlier));
        assertThat(g.tasks())
                .extracting(TaskSpec::title)
                .doesNotContain("Crabs of the Tide Pool")
                .contains("Origami Crane Folding", "Abacus Calculator Widget");
        assertThat(g.tasks()).hasSize(3);
        assertThat(g.fallbackReason())
                .contains(
                        "task 1: too close to the earlier task \"Tide Pool Crabs\"",
                        "1 task from the built-in library");
    }

    @Test
    void an_unknown_category_is_rejected() {
        String music =
                task("Chord Wheel", "music", "A wheel of chords turns.", "Chords light up.", "Clicking plays a chord.");
        TaskGenerator.Generated g = generator(answering(reply(music, ORIGAMI))).generate(DAY, 2, List.of());
        assertThat(g.tasks())
                .extracting(TaskSpec::title)
                .doesNotContain("Chord Wheel")
                .contains("Origami Crane Folding");
        assertThat(g.fallbackReason())
                .isEqualTo("model gpt-test: 1 of 2 proposed tasks unusable "
                        + "(task 1: unknown category 'music' (expected animation, interactive_toy, game, data_visualisation, "
                        + "generative_art, simulation or ui_widget)); 1 task from the built-in library");
    }

    @Test
    void american_spelling_of_a_category_is_understood() {
        String viz = STARS.replace("data_visualisation", "Data Visualization");
        assertThat(generator(answering(reply(viz)))
                        .generate(DAY, 1, List.of())
                        .tasks()
                        .get(0)
                        .category())
                .isEqualTo(Category.DATA_VISUALISATION);
    }

    @Test
    void proposals_that_need_the_network_are_rejected() {
        List<String> bad = List.of(
                "Show live weather data for London.",
                "Load the map tiles from https://tile.example.org/{z}.png.",
                "Chat with other visitors over a WebSocket.",
                "Use fetch('/api/scores') to load the high scores.",
                "Download images from the internet for the cards.",
                "Pull quotes from a public API.");
        for (String req : bad) {
            String t = task("Network Hungry Thing", "game", req, "Something moves.", "Something else moves.");
            TaskGenerator.Generated g = generator(answering(reply(t))).generate(DAY, 1, List.of());
            assertThat(g.fallbackReason()).as(req).contains("asks for network access");
        }
        List<String> fine = List.of(
                "A dog fetches the ball you throw.",
                "Load matter-js from " + Libraries.ALL.get(4).urls().get(0) + ".",
                "The view resets to the server room scene.");
        for (String req : fine) {
            String t = task("Park Dog Playtime", "interactive_toy", req, "Something moves.", "Something else moves.");
            assertThat(generator(answering(reply(t)))
                            .generate(DAY, 1, List.of())
                            .fallbackReason())
                    .as(req)
                    .isNull();
        }
    }

    @Test
    void requirement_counts_outside_3_to_10_are_rejected() {
        String two = task("Two Rules Only", "animation", "One.", "Two.");
        String[] many = new String[11];
        for (int i = 0; i < many.length; i++) many[i] = "Requirement number " + i + " about the spinning top.";
        String eleven = task("Eleven Rules Spinning Top", "animation", many);
        TaskGenerator.Generated g = generator(answering(reply(two, eleven))).generate(DAY, 1, List.of());
        assertThat(g.fallbackReason()).contains("task 1: has 2 requirements", "task 2: has 11 requirements");
    }

    @Test
    void the_same_task_twice_in_one_reply_is_kept_once_and_categories_stay_varied() {
        String otherAnimation =
                task("Paper Boat Regatta", "animation", "Boats drift.", "Wind shifts.", "Clicking makes a gust.");
        TaskGenerator.Generated g = generator(answering(reply(
                        ORIGAMI, ORIGAMI.replace("Origami Crane Folding", "Origami Crane Folding!"), otherAnimation)))
                .generate(DAY, 3, List.of());
        assertThat(g.tasks()).hasSize(3);
        assertThat(g.tasks().stream().map(TaskSpec::category).distinct()).hasSize(3);
        assertThat(g.tasks()).extracting(TaskSpec::title).containsOnlyOnce("Origami Crane Folding");
        assertThat(g.fallbackReason()).contains("task 2: too close", "task 3: a second animation task on one day");
    }

    @Test
    void too_few_tasks_are_topped_up_from_the_library_in_other_categories() {
        TaskGenerator.Generated g = generator(answering(reply(BEE_GAME))).generate(DAY, 3, List.of());
        assertThat(g.tasks()).hasSize(3);
        assertThat(g.tasks().get(0).title()).isEqualTo("Pollen Run Bee Game");
        assertThat(g.tasks().stream().map(TaskSpec::category).distinct()).hasSize(3);
        assertThat(g.fallbackReason())
                .isEqualTo("model gpt-test: reply proposed only 1 task; 2 tasks from the built-in library");
    }

    @Test
    void the_request_gives_the_schema_categories_runtime_and_recent_titles() {
        List<Prompt> sent = new ArrayList<>();
        Provider p = prompt -> {
            sent.add(prompt);
            return Completion.Failed.of(FailureKind.NETWORK, "offline");
        };
        List<TaskSpec> history =
                LIBRARY.generate(DAY.minusDays(1), 3, List.of()).tasks();
        generator(p).generate(DAY, 3, history);
        assertThat(sent).hasSize(1);
        Prompt prompt = sent.get(0);
        assertThat(prompt.system()).contains("JSON");
        assertThat(prompt.user())
                .contains(
                        "Write 5 new tasks",
                        "\"tasks\"",
                        "\"title\"",
                        "\"category\"",
                        "\"brief\"",
                        "\"requirements\"",
                        PromptFormat.runtime());
        for (Category c : Category.values()) assertThat(prompt.user()).contains(c.wireName());
        for (TaskSpec t : history) assertThat(prompt.user()).contains("- " + t.title());
        assertThat(prompt.maxOutputTokens()).isEqualTo(4000);
        assertThat(prompt.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void no_tasks_wanted_means_no_call() {
        AtomicInteger calls = new AtomicInteger();
        TaskGenerator.Generated g = generator(prompt -> {
                    calls.incrementAndGet();
                    return Completion.Failed.of(FailureKind.NETWORK, "");
                })
                .generate(DAY, 0, List.of());
        assertThat(g.tasks()).isEmpty();
        assertThat(calls).hasValue(0);
    }
}
