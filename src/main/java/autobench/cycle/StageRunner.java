package autobench.cycle;

import autobench.cycle.StageRuns.Run;
import autobench.cycle.StageRuns.Status;
import autobench.cycle.StageRuns.Trigger;
import autobench.dispatch.DispatchReport;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage of one day at most once across every process, and records how it went. The
 * scheduler and the cron endpoints both come through here.
 */
public final class StageRunner {
    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

    private final DailyCycle cycle;
    private final StageRuns runs;
    private final Clock clock;
    private final String owner;
    private final long leaseMs;

    /**
     * @param lease how long a run stays with this process without a renewal (renewed every third
     *              of it); when this process dies, another takes the stage over once it lapses
     */
    public StageRunner(DailyCycle cycle, StageRuns runs, Clock clock, String owner, Duration lease) {
        this.cycle = cycle;
        this.runs = runs;
        this.clock = clock;
        this.owner = owner;
        this.leaseMs = lease.toMillis();
    }

    /** How long a run stays with a process that stopped renewing it. */
    public Duration lease() {
        return Duration.ofMillis(leaseMs);
    }

    /**
     * Calls whose process died mid-call become {@code unknown} once their lease runs out, whoever
     * notices; a worker does this on every tick, so none stays {@code calling} after its day's
     * dispatch has finished elsewhere.
     *
     * @return the submissions marked unknown
     */
    public List<String> reapExpiredCalls() {
        return cycle.reapExpiredCalls();
    }

    /** What asking for a run came to. */
    public sealed interface Outcome {
        Stage stage();

        LocalDate day();
    }

    /** This process ran it. */
    public record Ran(Stage stage, LocalDate day, Status status, String detail) implements Outcome {}

    /** Nothing was done: it had already finished (or is running elsewhere); {@code run} says when and by whom. */
    public record AlreadyRun(Stage stage, LocalDate day, Run run) implements Outcome {}

    /** Nothing was done: the stage it follows has not finished for this day. */
    public record NotYet(Stage stage, LocalDate day, Stage waitingFor) implements Outcome {}

    /** Nothing was done: this stage is switched off (rendering, say). */
    public record Off(Stage stage, LocalDate day) implements Outcome {}

    /** Why the stage cannot run for this day now ({@link Off} or {@link NotYet}), or {@code null} when it can. */
    public Outcome precondition(Stage stage, LocalDate day) {
        if (stage == Stage.RENDER && !cycle.renders()) return new Off(stage, day);
        Stage before = stage.after();
        if (before != null
                && runs.find(before, day).map(r -> r.status() != Status.DONE).orElse(true)) {
            return new NotYet(stage, day, before);
        }
        return null;
    }

    public Outcome run(Stage stage, LocalDate day, Trigger trigger) {
        Outcome blocked = precondition(stage, day);
        if (blocked != null) return blocked;
        if (!runs.claim(stage, day, trigger, owner, clock.millis() + leaseMs, clock.millis())) {
            return new AlreadyRun(stage, day, runs.find(stage, day).orElseThrow());
        }
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stage-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(
                () -> {
                    try {
                        runs.renew(stage, day, owner, clock.millis() + leaseMs);
                    } catch (RuntimeException e) {
                        log.warn("could not renew the run of {} {}: {}", stage.wireName(), day, e.getMessage());
                    }
                },
                leaseMs / 3,
                leaseMs / 3,
                TimeUnit.MILLISECONDS);
        Status status = Status.DONE;
        String detail;
        try {
            detail = switch (stage) {
                case GENERATE -> cycle.generate(day).size() + " tasks";
                case SNAPSHOT -> cycle.snapshot(day) + " models in the snapshot of " + day.minusDays(1);
                case DISPATCH -> {
                    DispatchReport r = cycle.dispatch(day);
                    if (cycle.stopping() || r.stopped() > 0) status = Status.STOPPED;
                    // Calls another process holds (or held when it died) are not finished: the stage
                    // stays open and runs again on a later tick, which marks dead ones unknown once
                    // their lease runs out. Finishing it now would leave their tasks never dispatched.
                    long held = cycle.callsInFlight(day);
                    if (held > 0) status = Status.STOPPED;
                    yield r + (held > 0 ? "; " + held + " call(s) still held by other processes, runs again" : "");
                }
                case RENDER -> {
                    RenderStage.Report r = cycle.render(day);
                    if (r.skipped() != null) status = Status.FAILED;
                    else if (cycle.stopping()) status = Status.STOPPED;
                    yield r.skipped() != null
                            ? "skipped: " + r.skipped()
                            : r.rendered() + " rendered, " + r.failed() + " renderer failures, " + r.published()
                                    + " tasks published";
                }
            };
        } catch (RuntimeException e) {
            log.error("stage {} of {} failed", stage.wireName(), day, e);
            status = Status.FAILED;
            detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            heartbeat.shutdownNow();
        }
        runs.finish(stage, day, owner, status, detail, clock.millis());
        log.info("stage {} of {} ({}): {} — {}", stage.wireName(), day, trigger.wireName(), status.wireName(), detail);
        return new Ran(stage, day, status, detail);
    }
}
