package autobench.gallery;

import java.time.LocalDate;

/** One of a model's answers with the task it answered. */
public record ModelAnswer(String taskId, String taskTitle, LocalDate day, String category, Answer answer) {}
