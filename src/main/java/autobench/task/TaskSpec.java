package autobench.task;

import java.util.Objects;

/**
 * A task as a generator writes it, before it is stored for a day.
 *
 * @param title    short title shown on the site
 * @param category one of {@link Category}
 * @param prompt   the full prompt sent to every model
 * @param theme    stable key of the theme it came from (library key, or "llm:…" for generated ones)
 */
public record TaskSpec(String title, Category category, String prompt, String theme) {
    public TaskSpec {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(theme, "theme");
    }
}
