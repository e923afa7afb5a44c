package autobench.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a day's tasks from the built-in themes, with no model call.
 *
 * <p>Deterministic: everything random comes from one {@link java.util.Random} seeded from the
 * date, and its sequence is fixed by the Java specification, so the same date and the same
 * history give the same tasks on any JVM. A day's tasks come from different categories (while
 * there are enough categories), the least used themes go first, and a candidate is taken only if
 * the {@link DuplicateIndex} finds nothing like it in history or earlier in the same day.
 */
public final class BuiltinLibrary implements TaskGenerator {
    static final String LABEL = "builtin";

    /** Candidates tried per theme before moving on; keeps a nearly used-up theme from costing much. */
    private static final int TRIES_PER_THEME = 24;

    private final ThemeCatalog catalog;

    public BuiltinLibrary() {
        this(ThemeCatalog.load());
    }

    BuiltinLibrary(ThemeCatalog catalog) {
        this.catalog = catalog;
    }

    List<Theme> themes() {
        return catalog.themes();
    }

    @Override
    public Generated generate(LocalDate day, int count, List<TaskSpec> history) {
        return new Generated(fill(day, count, history, List.of()), LABEL, null);
    }

    /**
     * Writes {@code count} tasks for the day that repeat nothing in {@code history} nor in
     * {@code today} (tasks already chosen for this day, e.g. by a model), in categories
     * {@code today} does not use yet.
     *
     * @throws IllegalStateException when every remaining candidate is too close to history
     */
    List<TaskSpec> fill(LocalDate day, int count, List<TaskSpec> history, List<TaskSpec> today) {
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
        Random rng = new Random(seed(day));
        DuplicateIndex seen = DuplicateIndex.of(history);
        today.forEach(seen::add);
        Map<String, Integer> uses = new HashMap<>();
        history.forEach(t -> uses.merge(t.theme(), 1, Integer::sum));
        Map<Category, Integer> todayByCategory = new EnumMap<>(Category.class);
        today.forEach(t -> todayByCategory.merge(t.category(), 1, Integer::sum));
        List<Category> order = shuffled(Arrays.asList(Category.values()), rng);

        List<TaskSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Stable sort: categories not used today come first, in today's shuffled order.
            List<Category> categories = new ArrayList<>(order);
            categories.sort(Comparator.comparingInt(c -> todayByCategory.getOrDefault(c, 0)));
            TaskSpec next = next(rng, categories, uses, seen);
            if (next == null) {
                throw new IllegalStateException("the built-in library has no task left that differs enough from "
                        + seen.size() + " earlier tasks; configure a model as task_generator");
            }
            out.add(next);
            seen.add(next);
            uses.merge(next.theme(), 1, Integer::sum);
            todayByCategory.merge(next.category(), 1, Integer::sum);
        }
        return out;
    }

    private TaskSpec next(Random rng, List<Category> categories, Map<String, Integer> uses, DuplicateIndex seen) {
        for (Category c : categories) {
            List<Theme> themes = shuffled(
                    catalog.themes().stream().filter(t -> t.category() == c).toList(), rng);
            themes.sort(Comparator.comparingInt(t -> uses.getOrDefault(t.key(), 0)));
            for (Theme theme : themes) {
                TaskSpec t = candidate(rng, theme, seen);
                if (t != null) return t;
            }
        }
        return null;
    }

    /** Tries unused (subject, twist) pairs in random order, each with random other slots. */
    private TaskSpec candidate(Random rng, Theme theme, DuplicateIndex seen) {
        List<int[]> pairs = new ArrayList<>();
        for (int s = 0; s < theme.subjects().size(); s++) {
            for (int w = 0; w < theme.twists().size(); w++) pairs.add(new int[] {s, w});
        }
        int tries = 0;
        for (int[] p : shuffled(pairs, rng)) {
            if (seen.hasTitle(theme.titleFor(p[0], p[1]))) continue;
            if (tries++ == TRIES_PER_THEME) return null;
            TaskSpec t = theme.task(
                    p[0],
                    p[1],
                    rng.nextInt(theme.inputs().size()),
                    catalog.palettes().get(rng.nextInt(catalog.palettes().size())),
                    catalog.finishes().get(rng.nextInt(catalog.finishes().size())));
            if (seen.nearDuplicate(t).isEmpty()) return t;
        }
        return null;
    }

    /** Fisher–Yates written out, so the order depends only on the seed, never on a library's choice. */
    private static <T> List<T> shuffled(List<T> items, Random rng) {
        List<T> list = new ArrayList<>(items);
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
        return list;
    }

    /** Spreads consecutive dates far apart in seed space; the constant is 2^64 divided by the golden ratio. */
    static long seed(LocalDate day) {
        return day.toEpochDay() * 0x9E3779B97F4A7C15L;
    }
}
