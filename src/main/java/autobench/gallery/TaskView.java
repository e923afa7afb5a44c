package autobench.gallery;

import java.time.LocalDate;
import java.util.List;

/** A task with every answer, in model order. */
public record TaskView(String id, LocalDate day, int slot, String title, String category, String theme, String prompt,
                       String status, List<Answer> answers) {
    public TaskView {
        answers = List.copyOf(answers);
    }
}
