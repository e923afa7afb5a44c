package autobench.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "has this task, or something nearly like it, been set before?" against years of history.
 *
 * <p>Comparing a candidate with every earlier task would cost (history × features) per question;
 * instead each feature keeps the list of tasks that have it (an inverted index), so a question
 * only touches the tasks that share at least one feature with the candidate, and counts the shared
 * features as it goes. Five years at three tasks a day is about 5,500 tasks and well under a
 * millisecond per question. Titles are also checked on their own: two tasks whose titles have
 * the same words are the same task to a visitor, whatever their requirements say.
 *
 * <p>Not thread-safe; build one per generation run.
 */
final class DuplicateIndex {

    /** The earlier task a candidate is too close to, and how close. */
    record Match(TaskSpec earlier, double similarity) {}

    private final List<TaskSpec> tasks = new ArrayList<>();
    private int[] sizes = new int[64];
    private final Postings postings = new Postings();
    private final Map<String, TaskSpec> byTitle = new HashMap<>();
    private final double threshold;
    // Scratch space for one question: shared-feature counts per task, and which tasks were touched.
    private int[] counts = new int[64];
    private int[] touched = new int[64];

    DuplicateIndex(double threshold) {
        this.threshold = threshold;
    }

    DuplicateIndex() {
        this(Similarity.NEAR_DUPLICATE);
    }

    static DuplicateIndex of(List<TaskSpec> tasks) {
        DuplicateIndex index = new DuplicateIndex();
        tasks.forEach(index::add);
        return index;
    }

    int size() {
        return tasks.size();
    }

    void add(TaskSpec task) {
        add(task, Similarity.fingerprint(task));
    }

    void add(TaskSpec task, Similarity.Fingerprint f) {
        int id = tasks.size();
        tasks.add(task);
        if (id == sizes.length) {
            sizes = Arrays.copyOf(sizes, id * 2);
            counts = new int[id * 2];
            touched = new int[id * 2];
        }
        sizes[id] = f.size();
        for (long feature : f.features()) postings.add(feature, id);
        String title = Similarity.titleKey(task.title());
        // A title of nothing but stop words says nothing; leave it to the text comparison.
        if (!title.isEmpty()) byTitle.putIfAbsent(title, task);
    }

    boolean hasTitle(String title) {
        return byTitle.containsKey(Similarity.titleKey(title));
    }

    /** The closest earlier task at or above the threshold, or empty when the candidate is new. */
    Optional<Match> nearDuplicate(TaskSpec candidate) {
        return nearDuplicate(candidate, Similarity.fingerprint(candidate));
    }

    Optional<Match> nearDuplicate(TaskSpec candidate, Similarity.Fingerprint f) {
        TaskSpec sameTitle = byTitle.get(Similarity.titleKey(candidate.title()));
        if (sameTitle != null) return Optional.of(new Match(sameTitle, 1.0));
        int n = 0;
        for (long feature : f.features()) {
            int[] list = postings.get(feature);
            for (int k = 1; k <= list[0]; k++) {
                if (counts[list[k]]++ == 0) touched[n++] = list[k];
            }
        }
        int best = -1;
        double bestScore = 0;
        for (int k = 0; k < n; k++) {
            int id = touched[k];
            int shared = counts[id];
            counts[id] = 0;
            double score = (double) shared / (f.size() + sizes[id] - shared);
            if (score > bestScore) {
                bestScore = score;
                best = id;
            }
        }
        return best >= 0 && bestScore >= threshold
                ? Optional.of(new Match(tasks.get(best), bestScore))
                : Optional.empty();
    }
}
