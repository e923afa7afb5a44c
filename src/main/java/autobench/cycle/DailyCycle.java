package autobench.cycle;

import autobench.leaderboard.DatabaseVotes;

import autobench.wiring.Arena;
import autobench.dispatch.DispatchReport;
import autobench.dispatch.Dispatcher;
import autobench.rating.RatingSettings;
import autobench.cycle.RenderStage;
import autobench.leaderboard.RatingHistory;
import autobench.leaderboard.SnapshotStore;
import autobench.task.StoredTask;
import java.time.LocalDate;
import java.util.List;

/** One idempotent cycle for a date: generate the day's tasks, dispatch, render, snapshot yesterday's ratings. */
public final class DailyCycle {
    private final Arena arena;

    public DailyCycle(Arena arena) {
        this.arena = arena;
    }

    /** @param render what the render stage did, or {@code null} when rendering is switched off */
    public record Result(LocalDate day, List<StoredTask> tasks, DispatchReport dispatch, RenderStage.Report render) {}

    public Result run(LocalDate day) {
        arena.dailyTasks().ensure(day);
        DispatchReport report = arena.dispatcher().dispatchDay(day);
        RenderStage.Report rendered = arena.config.render().enabled() ? arena.renderStage().renderDay(day) : null;
        recordYesterdaysRatings(day);
        return new Result(day, arena.tasks.forDay(day), report, rendered);
    }

    /** The snapshot of the day before: complete, so recomputing it later gives the same numbers. */
    void recordYesterdaysRatings(LocalDate day) {
        long endOfYesterday = Dispatcher.dayStart(day, arena.config.zone());
        new RatingHistory(new SnapshotStore(arena.db), RatingSettings.DEFAULTS, arena.clock)
                .record(day.minusDays(1), DatabaseVotes.read(arena, false, endOfYesterday));
    }
}
