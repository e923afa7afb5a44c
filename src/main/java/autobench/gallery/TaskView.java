package autobench.gallery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A task with every answer: in model order once named, in label order (A, B, …) while blind.
 *
 * @param revealAt while blind, when the models will be named; null once they are
 */
public record TaskView(
        String id,
        LocalDate day,
        int slot,
        String title,
        String category,
        String theme,
        String prompt,
        String status,
        List<Answer> answers,
        Instant revealAt) {
    public TaskView {
        answers = List.copyOf(answers);
    }

    public boolean blind() {
        return revealAt != null;
    }
}
