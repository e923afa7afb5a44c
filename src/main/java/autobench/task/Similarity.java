package autobench.task;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * How alike two tasks read, from 0 (no words in common) to 1 (the same words).
 *
 * <p>The measure is the Jaccard index of two sets of words. A task's text (its title, brief and
 * requirements: everything above the Runtime section, which every task shares and which would
 * otherwise make all tasks look alike) is lower-cased, split into words, stripped of stop words
 * and bare numbers, and crudely stemmed ("moves", "moving", "moved" become one word). Words are
 * 64-bit hashes kept as a sorted array, so comparing two tasks is one merge pass.
 *
 * <p>Single words rather than longer shingles, because a reworded copy keeps its vocabulary but
 * not its word order: on a library task with every sentence rewritten and the requirements
 * reordered, word pairs scored 0.25, no better than two unrelated tasks of the same theme, while
 * single words kept it well above the threshold. The stop words include the little words paraphrases swap freely
 * ("among", "between", "without"), for the same reason.
 *
 * <p>{@link #NEAR_DUPLICATE} comes from measuring the built-in library over a simulated year:
 * tasks from different themes score at most 0.44 (almost all under 0.2); small edits of a task
 * (typos, dropped or reordered words) stay above 0.9, and a full paraphrase scores about 0.69 (see
 * SimilarityTest). Tasks of one theme that share most of their slots score 0.6 and more; the
 * generator counts those as repeats and tries other slots, as it should.
 */
final class Similarity {
    private Similarity() {}

    /** Tasks scoring at or above this are the same task for the arena's purposes. */
    static final double NEAR_DUPLICATE = 0.6;

    /** A task's words, as sorted, distinct 64-bit hashes. */
    record Fingerprint(long[] features) {
        int size() {
            return features.length;
        }
    }

    /** The part of a prompt that says what to build: the text above the Runtime section, minus headings. */
    static String comparableText(TaskSpec task) {
        String p = task.prompt();
        int runtime = p.indexOf("\n" + PromptFormat.RUNTIME_HEADING);
        String body = (runtime < 0 ? p : p.substring(0, runtime)).replace(PromptFormat.REQUIREMENTS_HEADING, "");
        // The title is usually the prompt's first line already; adding it again costs nothing.
        return task.title() + "\n" + body;
    }

    /**
     * A task's fingerprint, remembered for as long as something else holds the task (weak keys):
     * a generator rebuilds its index from the history it is handed on every run, and a caller that
     * keeps the same history in memory between runs (a simulated year, a model asked again) need
     * not read every earlier task again. Nothing is kept once the history is dropped.
     */
    static Fingerprint fingerprint(TaskSpec task) {
        Fingerprint f = REMEMBERED.get(task);
        if (f == null) {
            f = fingerprint(comparableText(task));
            REMEMBERED.put(task, f);
        }
        return f;
    }

    private static final Map<TaskSpec, Fingerprint> REMEMBERED = Collections.synchronizedMap(new WeakHashMap<>());

    static Fingerprint fingerprint(String text) {
        long[] f = new long[256];
        int n = 0;
        StringBuilder word = new StringBuilder(16);
        for (int i = 0, len = text.length(); i <= len; i++) {
            char c = i < len ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
                continue;
            }
            if (word.isEmpty()) continue;
            String w = keep(word.toString());
            word.setLength(0);
            if (w == null) continue;
            if (n == f.length) f = Arrays.copyOf(f, n * 2);
            f[n++] = hash(w);
        }
        long[] sorted = Arrays.copyOf(f, n);
        Arrays.sort(sorted);
        return new Fingerprint(dedupeSorted(sorted));
    }

    /**
     * A title reduced to its set of stemmed words, so "Neon Tetra Aquarium: Shark Patrol" and
     * "Shark patrol in a neon-tetra aquarium" are the same title.
     */
    static String titleKey(String title) {
        TreeSet<String> words = new TreeSet<>();
        for (String raw : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            String w = keep(raw);
            if (w != null) words.add(w);
        }
        return String.join(" ", words);
    }

    static double jaccard(Fingerprint a, Fingerprint b) {
        int shared = shared(a.features(), b.features());
        int union = a.size() + b.size() - shared;
        return union == 0 ? 1.0 : (double) shared / union;
    }

    static double similarity(TaskSpec a, TaskSpec b) {
        return jaccard(fingerprint(a), fingerprint(b));
    }

    /** The stemmed word, or {@code null} for words that carry no meaning of their own. */
    private static String keep(String w) {
        if (w.length() < 2 || STOP.contains(w) || isNumber(w)) return null;
        return stem(w);
    }

    /**
     * Folds plurals, -ing, -ed and -ly, a doubled final consonant and a final e together, so that
     * "moves", "moving" and "moved" meet at "mov", "running" at "run", "exactly" at "exact".
     */
    static String stem(String w) {
        String s = w;
        if (s.length() > 4 && s.endsWith("ies")) s = s.substring(0, s.length() - 3) + "y";
        else if (s.length() > 5 && s.endsWith("ing")) s = s.substring(0, s.length() - 3);
        else if (s.length() > 4 && s.endsWith("ed")) s = s.substring(0, s.length() - 2);
        else if (s.length() > 5 && s.endsWith("ly") && !s.endsWith("ily")) s = s.substring(0, s.length() - 2);
        else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) s = s.substring(0, s.length() - 1);
        int n = s.length();
        if (n > 3 && s.charAt(n - 1) == s.charAt(n - 2) && "lsz".indexOf(s.charAt(n - 1)) < 0)
            s = s.substring(0, n - 1);
        if (s.length() > 3 && s.endsWith("e")) s = s.substring(0, s.length() - 1);
        // British and American spellings of the same word ("colour", "color") are one word.
        if (s.endsWith("our") && s.length() > 4) s = s.substring(0, s.length() - 2) + "r";
        return s;
    }

    static int shared(long[] a, long[] b) {
        int i = 0, j = 0, shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else {
                shared++;
                i++;
                j++;
            }
        }
        return shared;
    }

    private static boolean isNumber(String w) {
        for (int i = 0; i < w.length(); i++) if (!Character.isDigit(w.charAt(i))) return false;
        return true;
    }

    /** FNV-1a, 64 bit: 32-bit String hashes would collide too often across years of history. */
    private static long hash(String w) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < w.length(); i++) h = (h ^ w.charAt(i)) * 0x100000001b3L;
        return h;
    }

    private static long[] dedupeSorted(long[] s) {
        if (s.length == 0) return s;
        int n = 1;
        for (int i = 1; i < s.length; i++) if (s[i] != s[n - 1]) s[n++] = s[i];
        return Arrays.copyOf(s, n);
    }

    /** Words that carry grammar rather than meaning; paraphrases swap these freely. */
    private static final Set<String> STOP =
            Set.of(("a an the and or but nor of to in on at by for with from as into onto over "
                            + "under up down out off so than then is are was were be been being it its itself this that these those there "
                            + "their they them themselves which who whom whose what when where while why how will would should must can "
                            + "could may might shall each every all any some no not only also very just too more most such own same other "
                            + "if else has have had do does did you your we our us he she his her one two about above across after "
                            + "afterwards again against along among another around away before behind below beneath beside besides between "
                            + "beyond both during either enough ever few here however least less many much neither never now often once "
                            + "per rather since still though through throughout till together toward towards underneath unless until upon "
                            + "via whether within without yet")
                    .split(" "));
}
