package autobench.cycle;

import autobench.cycle.StageRuns.Status;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron triggers' one implementation for every role split. It checks what it can from the
 * database (done already, the stage before not finished, rendering off, no models recorded), records
 * the request, and then either runs it here (a process with the pipeline) or leaves it queued for
 * the workers (a web-only process, which has no runner and may not write the run history).
 */
public final class CronStages implements CronTrigger {
    private static final Logger log = LoggerFactory.getLogger(CronStages.class);

    /** Runs a stage of a day in this process (the pipeline's stage runner); absent in a web-only process. */
    @FunctionalInterface
    public interface Here {
        StageResult run(Stage stage, LocalDate day);
    }

    /**
     * @param renders        whether the config renders answers (render is off otherwise)
     * @param modelsRecorded whether the database holds an enabled model to dispatch to (a worker
     *                       records the configured ones when it starts)
     * @param here           this process's stage runner, or {@code null}: queue for the workers
     * @param background     where a dispatch or render asked of this process runs
     */
    public record Parts(
            StageRuns runs,
            WorkRequestStore requests,
            boolean renders,
            BooleanSupplier modelsRecorded,
            Here here,
            ExecutorService background,
            Clock clock,
            String owner) {}

    private final Parts p;

    public CronStages(Parts parts) {
        this.p = parts;
    }

    @Override
    public Answer request(Stage stage, LocalDate day) {
        Optional<StageRuns.Run> run = p.runs().find(stage, day);
        if (run.isPresent() && (run.get().status() == Status.DONE || run.get().status() == Status.RUNNING)) {
            return new AlreadyDone(stage, day, run.get());
        }
        Refused refused = precondition(stage, day);
        if (refused != null) return refused;
        if (p.here() == null) {
            Optional<WorkRequestStore.Request> waiting = p.requests().queued(stage, day);
            if (waiting.isPresent()) return new Queued(waiting.get().id(), stage, day, true);
            String id = p.requests().addStage(stage, day, "cron", p.clock().millis());
            log.info("cron {} for {} queued for a worker as request {}", stage.wireName(), day, id);
            return new Queued(id, stage, day, false);
        }
        String id = p.requests().addStage(stage, day, "cron", p.clock().millis());
        if (!p.requests().claim(id, p.owner(), p.clock().millis())) {
            // A worker took it between the insert and the claim: it runs there.
            return new Queued(id, stage, day, false);
        }
        if (stage == Stage.GENERATE || stage == Stage.SNAPSHOT) {
            StageResult r = runHere(id, stage, day);
            if (r.alreadyRun() != null) return new AlreadyDone(stage, day, r.alreadyRun());
            return new Ran(id, stage, day, r.status(), r.detail());
        }
        p.background().submit(() -> {
            try {
                runHere(id, stage, day);
            } catch (RuntimeException e) {
                log.error("cron {} for {} failed", stage.wireName(), day, e);
                p.requests()
                        .finish(
                                id,
                                p.owner(),
                                WorkRequestStore.Status.FAILED,
                                e.toString(),
                                p.clock().millis());
            }
        });
        return new Started(id, stage, day);
    }

    private StageResult runHere(String id, Stage stage, LocalDate day) {
        StageResult r = p.here().run(stage, day);
        p.requests()
                .finish(id, p.owner(), r.requestStatus(), r.summary(), p.clock().millis());
        return r;
    }

    /** Why the stage cannot run for this day now, or {@code null}. */
    Refused precondition(Stage stage, LocalDate day) {
        if (stage == Stage.RENDER && !p.renders()) {
            return new Refused(stage, day, "off", "render is switched off in the config (render.enabled)");
        }
        if (stage == Stage.DISPATCH && !p.modelsRecorded().getAsBoolean()) {
            return new Refused(
                    stage,
                    day,
                    "no_models",
                    "the database's models table has no enabled model: no worker has "
                            + "opened this database yet. Start one (./autobench serve --roles worker) so it records the configured models");
        }
        Stage before = stage.after();
        if (before != null
                && p.runs()
                        .find(before, day)
                        .map(r -> r.status() != Status.DONE)
                        .orElse(true)) {
            return new Refused(
                    stage,
                    day,
                    "not_yet",
                    before.wireName() + " has not finished for " + day + " (POST /api/cron/" + before.wireName()
                            + " first)");
        }
        return null;
    }

    @Override
    public Optional<RequestView> find(String requestId) {
        return p.requests()
                .find(requestId)
                .map(r -> new RequestView(
                        r,
                        r.kind().stage() == null
                                ? Optional.empty()
                                : p.runs().find(r.kind().stage(), r.day())));
    }
}
