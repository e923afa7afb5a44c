package autobench.task;

import java.util.ArrayList;
import java.util.List;

/**
 * One idea from the built-in library, written as a template with slots so that it yields many
 * different tasks: the subject (what is on screen), the twist (the rule that makes this one
 * unusual), the interaction, and from the shared pools a palette and a finishing touch.
 *
 * <p>Title templates may use {@code {subject}} and {@code {twist}} (their short labels); the brief
 * and the rules may use {@code {subject}} (its full description).
 *
 * @param key      stable id, stored on every task written from this theme
 * @param rules    the requirements every task from this theme shares (the core mechanic)
 * @param subjects labelled descriptions of what the piece is about
 * @param twists   labelled requirements that change how it behaves
 * @param inputs   requirements saying how the viewer interacts with it
 */
record Theme(
        String key,
        Category category,
        String title,
        String brief,
        List<String> rules,
        List<Slot> subjects,
        List<Slot> twists,
        List<String> inputs) {

    /** A slot value: a short label for titles and the full text for the prompt. */
    record Slot(String label, String text) {}

    /** Requirements a task gets beyond the theme's own rules: twist, input, palette, finishing touch. */
    static final int SLOT_REQUIREMENTS = 4;

    Theme {
        rules = List.copyOf(rules);
        subjects = List.copyOf(subjects);
        twists = List.copyOf(twists);
        inputs = List.copyOf(inputs);
    }

    String titleFor(int subject, int twist) {
        return title.replace("{subject}", subjects.get(subject).label())
                .replace("{twist}", twists.get(twist).label());
    }

    /** Writes the task for one choice of every slot. */
    TaskSpec task(int subject, int twist, int input, Slot palette, String finish) {
        String s = subjects.get(subject).text();
        List<String> requirements = new ArrayList<>();
        for (String rule : rules) requirements.add(rule.replace("{subject}", s));
        requirements.add(twists.get(twist).text());
        requirements.add(inputs.get(input));
        requirements.add("Colour it with the " + palette.label() + " palette: " + palette.text() + ".");
        requirements.add(finish);
        String t = titleFor(subject, twist);
        return new TaskSpec(t, category, PromptFormat.render(t, brief.replace("{subject}", s), requirements), key);
    }
}
