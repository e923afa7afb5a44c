package autobench.task;

import autobench.provider.Prompt;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.stream.Collectors;

/** Writes the request that asks a model for a day's tasks as JSON. */
final class TaskRequest {
    private TaskRequest() {}

    /** How many recent titles the model is shown; enough to steer it, small enough to stay cheap. */
    static final int RECENT_TITLES = 120;

    static final String SYSTEM = """
            You design the daily tasks of AutoBench, an arena in which several language models each \
            write one small browser program for the same task, and people compare the results side \
            by side. A good task is specific and visual, can be done well in about 200 lines of \
            HTML, CSS and JavaScript, shows something within a second of loading, and leaves room \
            for craft and invention. You answer with JSON only.""";

    /**
     * @param wanted  how many tasks to ask for (the caller asks for a few spares)
     * @param history earlier tasks, oldest first; the most recent titles are listed to avoid
     */
    static Prompt prompt(LocalDate day, int wanted, List<TaskSpec> history, int maxOutputTokens, Duration timeout) {
        // Temperature is left to the provider's default: reasoning models refuse an explicit one.
        return new Prompt(SYSTEM, user(day, wanted, history), maxOutputTokens, null, timeout);
    }

    static String user(LocalDate day, int wanted, List<TaskSpec> history) {
        String categories =
                Arrays.stream(Category.values()).map(Category::wireName).collect(Collectors.joining(", "));
        StringBuilder b = new StringBuilder();
        b.append("Write ")
                .append(wanted)
                .append(" new tasks for the arena day ")
                .append(day)
                .append(".\n\n");
        b.append("Reply with a single JSON object of exactly this shape and nothing else:\n\n");
        b.append(
                "{\"tasks\": [{\"title\": \"...\", \"category\": \"...\", \"brief\": \"...\", \"requirements\": [\"...\", \"...\"]}]}\n\n");
        b.append("- title: 3 to 8 words, at most 80 characters, no quotes or markdown.\n");
        b.append("- category: one of ").append(categories).append(". Give every task a different category.\n");
        b.append("- brief: two or three sentences: what to build, and what makes it interesting.\n");
        b.append("- requirements: 5 to 8 short, concrete requirements a reviewer can check by looking, ")
                .append(
                        "without numbering. One says what happens on its own before any input; one says how the viewer interacts.\n\n");
        b.append("The program is written under the runtime rules below, which are appended to every task for you. ")
                .append("Do not repeat them, and do not ask for anything they forbid: no network access of any kind, ")
                .append("no data, fonts, images or APIs from the internet. Any data must be invented in the code.\n\n");
        b.append(PromptFormat.runtime()).append('\n');
        SequencedSet<String> recent = recentTitles(history);
        if (!recent.isEmpty()) {
            b.append("These tasks were set recently. Do not repeat them or write anything close to them:\n");
            recent.forEach(t -> b.append("- ").append(t).append('\n'));
        }
        return b.toString();
    }

    private static SequencedSet<String> recentTitles(List<TaskSpec> history) {
        SequencedSet<String> titles = new LinkedHashSet<>();
        for (int i = history.size() - 1; i >= 0 && titles.size() < RECENT_TITLES; i--) {
            titles.add(history.get(i).title());
        }
        return titles.reversed();
    }
}
