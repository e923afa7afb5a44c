package autobench;

import autobench.dispatch.DispatchReport;
import autobench.task.StoredTask;
import java.time.LocalDate;
import java.util.List;

/** One idempotent cycle for a date: generate the day's tasks, then dispatch them. */
public final class DailyCycle {
    private final Arena arena;

    public DailyCycle(Arena arena) {
        this.arena = arena;
    }

    public record Result(LocalDate day, List<StoredTask> tasks, DispatchReport dispatch) {}

    public Result run(LocalDate day) {
        List<StoredTask> tasks = arena.dailyTasks().ensure(day);
        DispatchReport report = arena.dispatcher().dispatchDay(day);
        return new Result(day, arena.tasks.forDay(day), report);
    }
}
