package autobench.task;

import java.time.LocalDate;
import java.util.List;

/** Writes the tasks for one arena day. */
@FunctionalInterface
public interface TaskGenerator {

    /**
     * @param day     the arena day
     * @param count   how many tasks to write
     * @param history every task already stored (earlier days), to avoid repeats and near-repeats
     */
    Generated generate(LocalDate day, int count, List<TaskSpec> history);

    /**
     * @param generator      "builtin" or "model:&lt;id&gt;"
     * @param fallbackReason why an LLM generator fell back to the library, or {@code null}
     */
    record Generated(List<TaskSpec> tasks, String generator, String fallbackReason) {
        public Generated {
            tasks = List.copyOf(tasks);
        }
    }
}
