package autobench.vote;

import autobench.vote.VoteStore.Answer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Chooses the next battle so that every pair of models gets votes: the pair with the fewest
 * battles first, then one of the tasks both answered, then the sides. Choosing answers uniformly
 * instead would starve pairs of models that answer rarely, and a pair nobody compared leaves
 * their order on the leaderboard to guesswork. Pure: answers and pair weights in, a choice out; the
 * weights come from {@link PairCounters}, so no past battle is read to choose the next.
 */
final class PairPicker {
    private PairPicker() {}

    /** Which models may meet. A battle is all-demo or all-real: demo ratings never mix with real ones. */
    enum Pool {
        /** Real models when any real pair can meet; demo models only in an arena that has no real pair. */
        PREFER_REAL,
        /** Demo models only (the simulated visitors). */
        DEMO
    }

    record Pick(String taskId, Answer left, Answer right) {}

    /** Two models in id order, so that (a, b) and (b, a) are one pair. */
    record Pair(String first, String second) {
        static Pair of(String a, String b) {
            return a.compareTo(b) <= 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }

    private record Meeting(String taskId, Answer one, Answer other) {}

    /** @param battles how many battles a pair has had (or has open); the fewest are picked first */
    static Optional<Pick> pick(List<Answer> answers, ToLongFunction<Pair> battles, Pool pool, RandomGenerator random) {
        Map<String, List<Answer>> byTask = new LinkedHashMap<>();
        for (Answer a : answers)
            byTask.computeIfAbsent(a.taskId(), k -> new ArrayList<>()).add(a);

        // Sorted, so that a seeded generator makes the same choice on every run and database.
        Comparator<Pair> order = Comparator.comparing(Pair::first).thenComparing(Pair::second);
        Map<Pair, List<Meeting>> real = new TreeMap<>(order);
        Map<Pair, List<Meeting>> demo = new TreeMap<>(order);
        for (Map.Entry<String, List<Answer>> e : byTask.entrySet()) {
            List<Answer> as = e.getValue();
            for (int i = 0; i < as.size(); i++) {
                for (int j = i + 1; j < as.size(); j++) {
                    Answer a = as.get(i), b = as.get(j);
                    if (a.demo() != b.demo() || a.modelId().equals(b.modelId())) continue;
                    (a.demo() ? demo : real)
                            .computeIfAbsent(Pair.of(a.modelId(), b.modelId()), k -> new ArrayList<>())
                            .add(new Meeting(e.getKey(), a, b));
                }
            }
        }
        Map<Pair, List<Meeting>> eligible = pool == Pool.DEMO || real.isEmpty() ? demo : real;
        if (eligible.isEmpty()) return Optional.empty();

        Map<Pair, Long> weights = new LinkedHashMap<>();
        for (Pair p : eligible.keySet()) weights.put(p, battles.applyAsLong(p));
        long fewest = weights.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        List<Pair> least = weights.entrySet().stream()
                .filter(e -> e.getValue() == fewest)
                .map(Map.Entry::getKey)
                .toList();

        Pair pair = least.get(random.nextInt(least.size()));
        List<Meeting> meetings = eligible.get(pair);
        Meeting m = meetings.get(random.nextInt(meetings.size()));
        // Random sides: visitors favour one side a little, and a fixed order would fold that bias into the ratings.
        return Optional.of(
                random.nextBoolean()
                        ? new Pick(m.taskId(), m.one(), m.other())
                        : new Pick(m.taskId(), m.other(), m.one()));
    }
}
