package autobench.task;

import java.time.LocalDate;

/** A task as stored for one arena day. */
public record StoredTask(
        String id,
        LocalDate day,
        int slot,
        String title,
        Category category,
        String theme,
        String prompt,
        String generator,
        String fallbackReason,
        TaskStatus status) {

    public TaskSpec spec() {
        return new TaskSpec(title, category, prompt, theme);
    }
}
