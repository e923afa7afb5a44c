package autobench.cycle;

import autobench.dispatch.DispatchReport;
import autobench.dispatch.Dispatcher;
import autobench.leaderboard.RatingHistory;
import autobench.leaderboard.StoredVotes;
import autobench.task.DailyTasks;
import autobench.task.StoredTask;
import autobench.task.TaskStore;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** One idempotent cycle for a date: generate the day's tasks, dispatch, render, snapshot yesterday's ratings. */
public final class DailyCycle {
    private final DailyTasks dailyTasks;
    private final Dispatcher dispatcher;
    private final RenderStage render;
    private final TaskStore tasks;
    private final RatingHistory history;
    private final StoredVotes votes;
    private final ZoneId zone;

    /** @param render the render stage, or {@code null} when rendering is switched off */
    public DailyCycle(DailyTasks dailyTasks, Dispatcher dispatcher, RenderStage render, TaskStore tasks,
                      RatingHistory history, StoredVotes votes, ZoneId zone) {
        this.dailyTasks = dailyTasks;
        this.dispatcher = dispatcher;
        this.render = render;
        this.tasks = tasks;
        this.history = history;
        this.votes = votes;
        this.zone = zone;
    }

    /** @param render what the render stage did, or {@code null} when rendering is switched off */
    public record Result(LocalDate day, List<StoredTask> tasks, DispatchReport dispatch, RenderStage.Report render) {}

    public Result run(LocalDate day) {
        dailyTasks.ensure(day);
        DispatchReport report = dispatcher.dispatchDay(day);
        RenderStage.Report rendered = render == null ? null : render.renderDay(day);
        recordYesterdaysRatings(day);
        return new Result(day, tasks.forDay(day), report, rendered);
    }

    /** The snapshot of the day before: complete, so recomputing it later gives the same numbers. */
    void recordYesterdaysRatings(LocalDate day) {
        long endOfYesterday = Dispatcher.dayStart(day, zone);
        history.record(day.minusDays(1), votes.read(false, endOfYesterday));
    }
}
