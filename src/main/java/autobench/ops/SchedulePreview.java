package autobench.ops;

import autobench.cycle.Stage;
import autobench.cycle.StageRuns;
import autobench.time.ArenaDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What the scheduler's next tick would do, said before it does it: for each day it looks at (today
 * and {@code catch_up_days} before), each stage that is due and not done yet. A day before today
 * with such a stage is a catch-up day; on a fresh database that is yesterday's whole cycle.
 */
public record SchedulePreview(LocalDate today, List<Step> steps) {

    /**
     * @param runNow true if the next tick runs it (due and not done); false if it is done or not due yet
     * @param state  in words: done, failed, would run now, due at …
     */
    public record Step(LocalDate day, Stage stage, Instant dueAt, boolean runNow, String state) {}

    /**
     * @param dueAt when a stage of a day is due ({@code Scheduler.dueAt})
     * @param runs  how a stage of a day stands in the run history, if it ever started
     */
    public static SchedulePreview of(
            Instant now,
            ZoneId zone,
            int catchUpDays,
            BiFunction<Stage, LocalDate, Instant> dueAt,
            BiFunction<Stage, LocalDate, Optional<StageRuns.Status>> runs) {
        LocalDate today = ArenaDay.containing(now, zone).date();
        List<Step> steps = new ArrayList<>();
        for (LocalDate day = today.minusDays(catchUpDays); !day.isAfter(today); day = day.plusDays(1)) {
            for (Stage stage : Stage.values()) {
                Instant due = dueAt.apply(stage, day);
                Optional<StageRuns.Status> status = runs.apply(stage, day);
                if (status.isPresent() && status.get() == StageRuns.Status.DONE) {
                    steps.add(new Step(day, stage, due, false, "done"));
                } else if (status.isPresent() && status.get() == StageRuns.Status.RUNNING) {
                    steps.add(new Step(
                            day, stage, due, false, "running in another process (taken over if its lease runs out)"));
                } else if (now.isBefore(due)) {
                    steps.add(new Step(
                            day, stage, due, false, "due at " + due.atZone(zone).toLocalTime()));
                } else {
                    String was = status.map(s -> " (it " + s.name().toLowerCase(Locale.ROOT) + " before)")
                            .orElse("");
                    steps.add(new Step(day, stage, due, true, "would run now" + was));
                }
            }
        }
        return new SchedulePreview(today, steps);
    }

    /** Days before today that the next tick would work on. */
    public List<LocalDate> catchUpDays() {
        return steps.stream()
                .filter(s -> s.runNow() && s.day().isBefore(today))
                .map(Step::day)
                .distinct()
                .toList();
    }

    /** Whether the dispatch of that day would run now (so its calls would be made). */
    public boolean dispatches(LocalDate day) {
        return steps.stream().anyMatch(s -> s.day().equals(day) && s.stage() == Stage.DISPATCH && s.runNow());
    }

    /**
     * The preview in words.
     *
     * @param callsPerDay model calls a whole day makes (tasks × models, plus the task writer's)
     */
    public List<String> text(int callsPerDay) {
        List<String> out = new ArrayList<>();
        List<LocalDate> catchUp = catchUpDays();
        out.add(
                catchUp.isEmpty()
                        ? "No missed days to catch up."
                        : "Catching up " + catchUp.size() + " missed day(s) first: "
                                + catchUp.stream()
                                        .map(d -> d + (dispatches(d) ? " (up to " + callsPerDay + " model calls)" : ""))
                                        .toList());
        LocalDate day = null;
        for (Step s : steps) {
            if (!s.day().equals(day)) {
                day = s.day();
                out.add("  " + day + (day.isBefore(today) ? " (catch-up)" : " (today)"));
            }
            out.add(String.format(Locale.ROOT, "    %-9s %s", s.stage().wireName(), s.state()));
        }
        return out;
    }
}
