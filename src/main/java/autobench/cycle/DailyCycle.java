package autobench.cycle;

import autobench.dispatch.DispatchReport;
import autobench.dispatch.Dispatcher;
import autobench.leaderboard.RatingHistory;
import autobench.leaderboard.StoredVotes;
import autobench.task.DailyTasks;
import autobench.task.StoredTask;
import autobench.task.TaskStore;
import autobench.time.ArenaDay;
import java.time.Duration;
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
    public DailyCycle(
            DailyTasks dailyTasks,
            Dispatcher dispatcher,
            RenderStage render,
            TaskStore tasks,
            RatingHistory history,
            StoredVotes votes,
            ZoneId zone) {
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

    /** Every stage of the day in order; a stop after dispatch skips the rest (the next run does it). */
    public Result run(LocalDate day) {
        generate(day);
        DispatchReport report = dispatch(day);
        if (dispatcher.stopping()) return new Result(day, tasks.forDay(day), report, null);
        RenderStage.Report rendered = render(day);
        snapshot(day);
        return new Result(day, tasks.forDay(day), report, rendered);
    }

    /** @return the day's tasks after filling any empty slot */
    public List<StoredTask> generate(LocalDate day) {
        return dailyTasks.ensure(day);
    }

    public DispatchReport dispatch(LocalDate day) {
        return dispatcher.dispatchDay(day);
    }

    /** @return what the render stage did, or {@code null} when rendering is switched off */
    public RenderStage.Report render(LocalDate day) {
        return render == null ? null : render.renderDay(day);
    }

    /** @see Dispatcher#callsInFlight */
    public long callsInFlight(LocalDate day) {
        return dispatcher.callsInFlight(day);
    }

    /** @see Dispatcher#reapExpiredLeases */
    public List<String> reapExpiredCalls() {
        return dispatcher.reapExpiredLeases();
    }

    public boolean renders() {
        return render != null;
    }

    /**
     * The snapshot of the day before {@code day}: complete, so recomputing it later gives the same numbers.
     *
     * @return the number of models in it
     */
    public int snapshot(LocalDate day) {
        long endOfYesterday = ArenaDay.of(day, zone).startMillis();
        return history.record(day.minusDays(1), votes.read(false, endOfYesterday));
    }

    /** Graceful stop of every stage: see {@link Dispatcher#stop}. */
    public List<String> stop(Duration grace) {
        if (render != null) render.stop();
        return dispatcher.stop(grace);
    }

    public boolean stopping() {
        return dispatcher.stopping();
    }
}
