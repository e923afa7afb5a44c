package autobench.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimilarityTest {

    static TaskSpec task(String title, String brief, String... requirements) {
        return new TaskSpec(
                title, Category.ANIMATION, PromptFormat.render(title, brief, List.of(requirements)), "test");
    }

    static final TaskSpec ORIGINAL = task(
            "Lantern Festival Fireworks: Chain Bursts",
            "Put on a fireworks show over a lantern festival, with paper lanterns drifting up among the rockets. "
                    + "Rockets launch, climb and burst into particles that obey gravity and air drag before fading.",
            "At least four burst shapes (peony, ring, willow, crossette) are chosen at random.",
            "Bursts light up the lanterns below for a moment, and their reflections show in the river.",
            "The show runs on its own with quiet spells, flurries, and a big finale every minute.",
            "Some sparks are small rockets themselves and burst again a moment later in another colour.",
            "Clicking launches a rocket from the ground that bursts exactly where the click was.",
            "Pressing R returns everything to its starting state without reloading the page.");

    /** Every sentence rewritten by hand, requirements reordered, title reworded. */
    static final TaskSpec PARAPHRASED = task(
            "Rockets That Burst Twice over a Lantern Festival",
            "Create a firework show above a festival of lanterns where paper lanterns float upwards between the rockets. "
                    + "Each rocket launches and climbs, then bursts into particles that fade under gravity and drag.",
            "A click launches a rocket from the ground which bursts at the exact click position.",
            "Pick burst shapes at random from four or more (ring, peony, crossette, willow).",
            "Some of the sparks are rockets too, bursting again shortly afterwards in a different colour.",
            "The show keeps running by itself: flurries, quiet spells and a big finale each minute.",
            "Each burst briefly lights the lanterns underneath, and the river shows their reflection.",
            "Press R to reset everything to the starting state, with no page reload.");

    @Test
    void a_reworded_near_copy_is_caught() {
        assertThat(Similarity.similarity(ORIGINAL, PARAPHRASED)).isGreaterThanOrEqualTo(Similarity.NEAR_DUPLICATE);
        DuplicateIndex index = DuplicateIndex.of(List.of(ORIGINAL));
        // Different title words, so it is the text, not the title check, that catches it.
        assertThat(Similarity.titleKey(PARAPHRASED.title())).isNotEqualTo(Similarity.titleKey(ORIGINAL.title()));
        assertThat(index.nearDuplicate(PARAPHRASED))
                .hasValueSatisfying(m -> assertThat(m.earlier()).isEqualTo(ORIGINAL));
    }

    static Stream<Long> seeds() {
        return LongStream.range(1, 21).boxed();
    }

    /** Drops, misspells, swaps, re-cases or re-punctuates one word in ten, as a careless copy would. */
    @ParameterizedTest
    @MethodSource("seeds")
    void small_random_edits_stay_near_duplicates(long seed) {
        Random rng = new Random(seed);
        String body = Similarity.comparableText(ORIGINAL);
        List<String> words = new ArrayList<>(List.of(body.split(" ")));
        for (int i = 0; i < words.size() / 10; i++) {
            int k = rng.nextInt(words.size() - 1);
            switch (rng.nextInt(5)) {
                case 0 -> words.remove(k);
                case 1 -> words.set(k, words.get(k).substring(words.get(k).length() > 1 ? 1 : 0));
                case 2 -> words.set(k, words.get(k).toUpperCase());
                case 3 -> words.set(k, words.get(k) + ",");
                default -> words.add(k, words.remove(k + 1));
            }
        }
        TaskSpec edited = task(ORIGINAL.title(), String.join(" ", words));
        assertThat(Similarity.similarity(ORIGINAL, edited)).isGreaterThanOrEqualTo(Similarity.NEAR_DUPLICATE);
    }

    @Test
    void genuinely_different_tasks_are_not_flagged() {
        List<TaskSpec> tasks = List.of(
                ORIGINAL,
                task(
                        "Hexagon Snake with a Rival",
                        "Build a snake game on a hexagonal grid against a bot snake.",
                        "The snake moves on a hex grid in six directions.",
                        "A rival snake steered by a bot competes for food.",
                        "Until the first key press a bot plays.",
                        "Score and best score are shown."),
                task(
                        "Perceptual Colour Picker",
                        "Build a colour picker whose surface uses the OKLCH colour space.",
                        "HEX, RGB and HSL inputs stay in sync.",
                        "Out-of-gamut areas are hatched.",
                        "A contrast ratio against white and black text is shown.",
                        "All controls work from the keyboard."),
                task(
                        "Leopard Spots Reaction-Diffusion",
                        "Simulate the Gray-Scott model until leopard spots emerge.",
                        "The grid is at least 200 by 150 cells.",
                        "Feed and kill rates change while it runs.",
                        "Drawing with the mouse adds chemical B.",
                        "Concentration is rendered as a lit relief."));
        for (TaskSpec a : tasks) {
            for (TaskSpec b : tasks) {
                if (a != b)
                    assertThat(Similarity.similarity(a, b))
                            .as(a.title() + " / " + b.title())
                            .isLessThan(0.2);
            }
        }
    }

    @Test
    void titles_with_the_same_words_are_the_same_title() {
        assertThat(Similarity.titleKey("Neon Tetra Aquarium: Shark Patrol"))
                .isEqualTo(Similarity.titleKey("shark patrol in the neon-tetra aquarium"))
                .isNotEqualTo(Similarity.titleKey("Neon Tetra Aquarium: Day and Night"));
    }

    @Test
    void stemming_folds_plurals_tenses_and_spellings() {
        assertThat(Stream.of("moves", "moving", "moved", "move")
                        .map(Similarity::stem)
                        .distinct())
                .hasSize(1);
        assertThat(Similarity.stem("colours")).isEqualTo(Similarity.stem("color"));
        assertThat(Similarity.stem("berries")).isEqualTo(Similarity.stem("berry"));
    }

    @Test
    void the_runtime_section_does_not_count_towards_similarity() {
        TaskSpec a = task("Alpha", "One brief about gears and clocks.", "Gears mesh.", "Hands move.", "Time is real.");
        TaskSpec b =
                task("Beta", "Another brief about rivers and boats.", "Boats float.", "Water flows.", "Birds fly.");
        assertThat(Similarity.comparableText(a)).doesNotContain(PromptFormat.RUNTIME_HEADING);
        assertThat(Similarity.similarity(a, b)).isLessThan(0.1);
    }

    @Test
    void identical_tasks_score_one_and_are_always_caught() {
        assertThat(Similarity.similarity(ORIGINAL, ORIGINAL)).isEqualTo(1.0);
        assertThat(DuplicateIndex.of(List.of(ORIGINAL)).nearDuplicate(ORIGINAL)).isPresent();
    }

    static List<TaskSpec> libraryTasks(int n, long seed) {
        Random rng = new Random(seed);
        ThemeCatalog c = ThemeCatalog.load();
        return IntStream.range(0, n)
                .mapToObj(i -> {
                    Theme t = c.themes().get(rng.nextInt(c.themes().size()));
                    return t.task(
                            rng.nextInt(t.subjects().size()),
                            rng.nextInt(t.twists().size()),
                            rng.nextInt(t.inputs().size()),
                            c.palettes().get(rng.nextInt(c.palettes().size())),
                            c.finishes().get(rng.nextInt(c.finishes().size())));
                })
                .toList();
    }

    /** The inverted index must find exactly what comparing with every earlier task would find. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void index_agrees_with_comparing_every_pair(long seed) {
        List<TaskSpec> history = libraryTasks(300, seed);
        DuplicateIndex index = new DuplicateIndex(0.0); // report the best match, however weak
        history.forEach(index::add);
        for (TaskSpec candidate : libraryTasks(20, seed + 1000)) {
            if (index.hasTitle(candidate.title())) continue;
            double best = history.stream()
                    .mapToDouble(h -> Similarity.similarity(h, candidate))
                    .max()
                    .orElseThrow();
            assertThat(index.nearDuplicate(candidate))
                    .hasValueSatisfying(m -> assertThat(m.similarity()).isEqualTo(best));
        }
    }

    @Test
    void checking_against_five_years_of_history_is_fast() {
        List<TaskSpec> history = libraryTasks(5 * 365 * 3, 7);
        List<TaskSpec> candidates = libraryTasks(1000, 8);
        long start = System.nanoTime();
        DuplicateIndex index = DuplicateIndex.of(history);
        candidates.forEach(index::nearDuplicate);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Takes well under a second on one idle core; the bound only catches an accidental
        // quadratic, with room for a machine shared by many builds.
        assertThat(millis).isLessThan(20_000);
    }

    /** A generator rebuilds its index from the history on every run; a history kept in memory is read once. */
    @Test
    void a_task_held_in_memory_is_fingerprinted_once_and_an_equal_copy_reads_the_same() {
        TaskSpec t = task("Neon Tetra Aquarium", "Build a neon tetra aquarium where sharks patrol the glass.");
        Similarity.Fingerprint first = Similarity.fingerprint(t);
        assertThat(Similarity.fingerprint(t)).isSameAs(first);
        TaskSpec copy = new TaskSpec(new String(t.title()), t.category(), new String(t.prompt()), t.theme());
        assertThat(Similarity.fingerprint(copy).features()).isEqualTo(first.features());
        assertThat(Similarity.fingerprint(Similarity.comparableText(t)).features())
                .isEqualTo(first.features());
    }
}
