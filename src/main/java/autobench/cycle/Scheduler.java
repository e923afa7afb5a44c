package autobench.cycle;

import autobench.cycle.StageRuns.Trigger;
import autobench.time.ArenaDay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each stage of each arena day when it is due, in the arena's zone. Any number of schedulers
 * may run at once (the run history in the database lets one of them run each stage of a day), and
 * one that was down runs what it missed, for up to {@code catch_up_days} past days, once.
 */
public final class Scheduler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration MAX_NAP = Duration.ofMinutes(1);

    private final StageRunner runner;
    private final WorkQueue queue;
    private final ScheduleSettings settings;
    private final ZoneId zone;
    private final Clock clock;
    private final Set<Stage> stages;
    private final CountDownLatch stop = new CountDownLatch(1);

    public Scheduler(StageRunner runner, ScheduleSettings settings, ZoneId zone, Clock clock) {
        this(runner, settings, zone, clock, EnumSet.allOf(Stage.class));
    }

    /**
     * @param stages the stages this process runs: a {@code scheduler} role writes tasks and
     *               snapshots, a {@code worker} role calls models and renders; one process may do both
     */
    public Scheduler(StageRunner runner, ScheduleSettings settings, ZoneId zone, Clock clock, Set<Stage> stages) {
        this(runner, null, settings, zone, clock, stages);
    }

    /**
     * @param queue the work web-only processes handed on (cron runs, re-sends), taken on every tick;
     *              {@code null}: none is taken here
     */
    public Scheduler(
            StageRunner runner,
            WorkQueue queue,
            ScheduleSettings settings,
            ZoneId zone,
            Clock clock,
            Set<Stage> stages) {
        this.runner = runner;
        this.queue = queue;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
        this.stages = Set.copyOf(stages);
    }

    /** When a stage of a day is due. */
    public Instant dueAt(Stage stage, LocalDate day) {
        return settings.dueAt(stage, day, zone);
    }

    /** Runs everything due and not yet run, oldest day first; returns what it asked for. */
    public List<StageRunner.Outcome> tick() {
        Instant now = clock.instant();
        LocalDate today = ArenaDay.containing(now, zone).date();
        List<StageRunner.Outcome> out = new ArrayList<>();
        if (queue != null) {
            try {
                queue.drain();
            } catch (RuntimeException e) {
                log.warn("could not take the work handed on by web processes: {}", e.getMessage());
            }
        }
        if (stages.contains(Stage.DISPATCH)) {
            try {
                runner.reapExpiredCalls();
            } catch (RuntimeException e) {
                log.warn("could not look for calls whose process died: {}", e.getMessage());
            }
        }
        for (LocalDate day = today.minusDays(settings.catchUpDays()); !day.isAfter(today); day = day.plusDays(1)) {
            for (Stage stage : Stage.values()) {
                if (stop.getCount() == 0) return out;
                if (!stages.contains(stage) || now.isBefore(dueAt(stage, day))) continue;
                out.add(runner.run(stage, day, Trigger.SCHEDULE));
            }
        }
        return out;
    }

    /**
     * Ticks until {@link #stop()}: at every due time, and at least once a minute and once per stage
     * lease (catch-up, other instances' leftovers, stages whose process died).
     */
    public void runUntilStopped() {
        log.info(
                "scheduler started: generate {}, dispatch {}, render {} ({}), catching up {} day(s)",
                settings.generateAt(),
                settings.dispatchAt(),
                settings.renderAt(),
                zone,
                settings.catchUpDays());
        while (stop.getCount() > 0) {
            try {
                tick();
            } catch (RuntimeException e) {
                log.error("scheduler tick failed; trying again in a minute", e);
            }
            try {
                if (stop.await(untilNextDue().toMillis(), TimeUnit.MILLISECONDS)) break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("scheduler stopped");
    }

    public void stop() {
        stop.countDown();
    }

    Duration untilNextDue() {
        Instant now = clock.instant();
        LocalDate today = ArenaDay.containing(now, zone).date();
        Duration best = runner.lease().compareTo(MAX_NAP) < 0 ? runner.lease() : MAX_NAP;
        for (LocalDate day : List.of(today, today.plusDays(1))) {
            for (Stage s : Stage.values()) {
                Duration d = Duration.between(now, dueAt(s, day));
                if (!d.isNegative() && d.compareTo(best) < 0) best = d;
            }
        }
        return best.plusMillis(50);
    }
}
