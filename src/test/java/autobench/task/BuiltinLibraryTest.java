package autobench.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinLibraryTest {
    static final BuiltinLibrary LIBRARY = new BuiltinLibrary();
    static final LocalDate START = LocalDate.of(2026, 3, 1);

    /** Ten dates spread over a century, from a fixed seed. */
    static Stream<LocalDate> dates() {
        Random rng = new Random(42);
        return Stream.generate(() -> LocalDate.of(2000, 1, 1).plusDays(rng.nextInt(36_500)))
                .limit(10);
    }

    @Test
    void the_theme_catalog_is_read_once_per_process() {
        assertThat(ThemeCatalog.load()).isSameAs(ThemeCatalog.load());
        assertThat(ThemeCatalog.load().themes()).isNotEmpty();
    }

    @Test
    void library_has_at_least_40_themes_covering_every_category() {
        List<Theme> themes = LIBRARY.themes();
        assertThat(themes).hasSizeGreaterThanOrEqualTo(40);
        assertThat(themes.stream().map(Theme::key).distinct()).hasSameSizeAs(themes);
        Map<Category, Long> perCategory =
                themes.stream().collect(Collectors.groupingBy(Theme::category, Collectors.counting()));
        assertThat(perCategory.keySet()).containsExactlyInAnyOrder(Category.values());
        assertThat(perCategory.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
    }

    @ParameterizedTest
    @MethodSource("dates")
    void same_date_and_history_give_the_same_tasks(LocalDate day) {
        List<TaskSpec> history =
                LIBRARY.generate(day.minusDays(1), 3, List.of()).tasks();
        TaskGenerator.Generated first = LIBRARY.generate(day, 3, history);
        TaskGenerator.Generated again = new BuiltinLibrary().generate(day, 3, List.copyOf(history));
        assertThat(again).isEqualTo(first);
        assertThat(first.generator()).isEqualTo("builtin");
        assertThat(first.fallbackReason()).isNull();
    }

    @Test
    void different_dates_give_different_tasks() {
        Set<List<String>> seen = new HashSet<>();
        for (int d = 0; d < 60; d++) {
            List<String> titles = LIBRARY.generate(START.plusDays(d), 3, List.of()).tasks().stream()
                    .map(TaskSpec::title)
                    .toList();
            assertThat(seen.add(titles))
                    .as("tasks of day " + d + " were already produced for another date")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dates")
    void a_day_never_has_two_tasks_of_one_category(LocalDate day) {
        for (int count = 1; count <= Category.values().length; count++) {
            List<TaskSpec> tasks = LIBRARY.generate(day, count, List.of()).tasks();
            assertThat(tasks).hasSize(count);
            assertThat(tasks.stream().map(TaskSpec::category).distinct()).hasSize(count);
        }
    }

    @Test
    void more_tasks_than_categories_spread_evenly_over_categories() {
        List<TaskSpec> tasks = LIBRARY.generate(START, 10, List.of()).tasks();
        Map<Category, Long> perCategory =
                tasks.stream().collect(Collectors.groupingBy(TaskSpec::category, Collectors.counting()));
        assertThat(perCategory).hasSize(Category.values().length);
        assertThat(perCategory.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    }

    /** The whole year runs through the real generator; the check compares every pair directly. */
    @Test
    void a_year_of_days_never_repeats_or_nearly_repeats_a_task() {
        List<TaskSpec> history = new ArrayList<>();
        for (int d = 0; d < 365; d++) {
            List<TaskSpec> today =
                    LIBRARY.generate(START.plusDays(d), 3, history).tasks();
            assertThat(today).hasSize(3);
            assertThat(today.stream().map(TaskSpec::category).distinct()).hasSize(3);
            history.addAll(today);
        }
        assertThat(history.stream().map(TaskSpec::prompt).distinct()).hasSize(history.size());
        assertThat(history.stream().map(t -> Similarity.titleKey(t.title())).distinct())
                .hasSize(history.size());
        List<Similarity.Fingerprint> prints =
                history.stream().map(Similarity::fingerprint).toList();
        for (int i = 0; i < prints.size(); i++) {
            for (int j = i + 1; j < prints.size(); j++) {
                double s = Similarity.jaccard(prints.get(i), prints.get(j));
                if (s >= Similarity.NEAR_DUPLICATE) {
                    throw new AssertionError(
                            history.get(i).title() + " and " + history.get(j).title() + " are near-duplicates: " + s);
                }
            }
        }
        // Spread: over a year every theme is used, none much more than the others.
        Map<String, Long> uses =
                history.stream().collect(Collectors.groupingBy(TaskSpec::theme, Collectors.counting()));
        assertThat(uses).hasSize(LIBRARY.themes().size());
    }

    @Test
    void a_task_already_in_history_is_not_written_again() {
        List<TaskSpec> wouldBe = LIBRARY.generate(START, 3, List.of()).tasks();
        List<TaskSpec> tasks = LIBRARY.generate(START, 3, wouldBe).tasks();
        DuplicateIndex index = DuplicateIndex.of(wouldBe);
        assertThat(tasks).allSatisfy(t -> assertThat(index.nearDuplicate(t)).isEmpty());
    }

    @Test
    void filling_a_day_avoids_the_categories_and_tasks_it_already_has() {
        List<TaskSpec> chosen = LIBRARY.generate(START, 4, List.of()).tasks();
        List<TaskSpec> more = LIBRARY.fill(START, 3, List.of(), chosen);
        Set<Category> all = EnumSet.noneOf(Category.class);
        Stream.concat(chosen.stream(), more.stream())
                .forEach(t -> assertThat(all.add(t.category())).isTrue());
        DuplicateIndex index = DuplicateIndex.of(chosen);
        assertThat(more).allSatisfy(t -> assertThat(index.nearDuplicate(t)).isEmpty());
    }

    @Test
    void a_used_up_library_says_so_instead_of_repeating_itself() {
        ThemeCatalog full = ThemeCatalog.load();
        ThemeCatalog one = new ThemeCatalog(full.themes().subList(0, 1), full.palettes(), full.finishes());
        BuiltinLibrary tiny = new BuiltinLibrary(one);
        List<TaskSpec> history = new ArrayList<>();
        assertThatThrownBy(() -> {
                    for (int d = 0; d < 1000; d++)
                        history.addAll(
                                tiny.generate(START.plusDays(d), 1, history).tasks());
                })
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no task left");
        Theme only = one.themes().get(0);
        assertThat(history)
                .hasSizeLessThanOrEqualTo(only.subjects().size() * only.twists().size());
    }

    @Test
    void zero_tasks_is_an_empty_day_and_a_negative_count_is_an_error() {
        assertThat(LIBRARY.generate(START, 0, List.of()).tasks()).isEmpty();
        assertThatThrownBy(() -> LIBRARY.generate(START, -1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
