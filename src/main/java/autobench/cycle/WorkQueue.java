package autobench.cycle;

import autobench.cycle.StageRuns.Status;
import autobench.cycle.WorkRequestStore.Kind;
import autobench.cycle.WorkRequestStore.Request;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of the hand-off: on every scheduler tick it takes the requests a web-only
 * process queued (cron stage runs, operator re-sends) that this process's roles cover, claims each
 * with one conditional update, runs it and records how it ended. A request is claimed once and
 * never run again; a stage it asked for that stops half-way is finished by the schedule as usual.
 */
public final class WorkQueue {
    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);
    private static final int BATCH = 50;

    /** Sends an unknown or failed submission again (the dispatcher's re-send); returns what happened. */
    @FunctionalInterface
    public interface Resend {
        String resend(String submissionId);
    }

    private final StageRunner runner;
    private final Resend resend;
    private final WorkRequestStore requests;
    private final Set<Stage> stages;
    private final Clock clock;
    private final String owner;

    /**
     * @param stages the stages this process runs (its roles); a request for another is left to others
     * @param resend the dispatcher's re-send, or {@code null} in a process without the worker role
     */
    public WorkQueue(
            StageRunner runner,
            Resend resend,
            WorkRequestStore requests,
            Set<Stage> stages,
            Clock clock,
            String owner) {
        this.runner = runner;
        this.resend = resend;
        this.requests = requests;
        this.stages = Set.copyOf(stages);
        this.clock = clock;
        this.owner = owner;
    }

    /** Runs a stage here as a cron trigger asked: what the cron endpoints of a process with the pipeline call. */
    public StageResult runStage(Stage stage, LocalDate day) {
        return result(runner.run(stage, day, StageRuns.Trigger.CRON));
    }

    static StageResult result(StageRunner.Outcome o) {
        return switch (o) {
            case StageRunner.Ran r ->
                new StageResult(r.status(), r.status().name().toLowerCase(Locale.ROOT), r.detail(), null);
            case StageRunner.AlreadyRun a ->
                new StageResult(
                        Status.DONE,
                        a.run().status() == Status.RUNNING ? "already_running" : "already_done",
                        "by " + a.run().owner() + " (" + a.run().triggerBy() + ")",
                        a.run());
            case StageRunner.NotYet w ->
                new StageResult(
                        Status.FAILED, "not_yet", w.waitingFor().wireName() + " has not finished for " + w.day(), null);
            case StageRunner.Off f ->
                new StageResult(Status.FAILED, "off", f.stage().wireName() + " is switched off in the config", null);
        };
    }

    /** Claims and runs every queued request this process can do; returns the ids it ran. */
    public List<String> drain() {
        List<String> ran = new ArrayList<>();
        for (Request r : requests.queued(BATCH)) {
            if (!covers(r) || !requests.claim(r.id(), owner, clock.millis())) continue;
            ran.add(r.id());
            StageResult result;
            try {
                result = r.kind() == Kind.RESEND
                        ? resend(r.submissionId())
                        : runStage(r.kind().stage(), r.day());
            } catch (RuntimeException e) {
                log.error("request {} ({}) failed", r.id(), r.kind().wireName(), e);
                result = new StageResult(
                        Status.FAILED, "failed", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            }
            requests.finish(r.id(), owner, result.requestStatus(), result.summary(), clock.millis());
            log.info(
                    "request {} ({} {}) asked by {}: {}",
                    r.id(),
                    r.kind().wireName(),
                    r.day() != null ? r.day() : r.submissionId(),
                    r.requestedBy(),
                    result.summary());
        }
        return ran;
    }

    private boolean covers(Request r) {
        return r.kind() == Kind.RESEND
                ? resend != null
                : stages.contains(r.kind().stage());
    }

    private StageResult resend(String submissionId) {
        try {
            return new StageResult(Status.DONE, "re-sent", resend.resend(submissionId), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new StageResult(Status.FAILED, "not re-sent", e.getMessage(), null);
        }
    }
}
