package autobench.cycle;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the cron endpoints may ask of a process: run (or have run) a stage of a day, and say how a
 * request ended. It names no runner, so the website can hold one without reaching the pipeline:
 * a process with the pipeline runs the stage itself, a web-only process queues it for a worker.
 */
public interface CronTrigger {

    /** Asks for a stage of a day; every answer but {@link Refused} and {@link AlreadyDone} carries a request id. */
    Answer request(Stage stage, LocalDate day);

    /** A request by its id, with the stage's run as it stands now. */
    Optional<RequestView> find(String requestId);

    /** What asking came to. */
    sealed interface Answer {
        Stage stage();

        LocalDate day();
    }

    /** This process ran it before answering (generate, snapshot). */
    record Ran(String requestId, Stage stage, LocalDate day, StageRuns.Status status, String detail)
            implements Answer {}

    /** This process is running it in the background (dispatch, render take as long as the slowest model). */
    record Started(String requestId, Stage stage, LocalDate day) implements Answer {}

    /** This process cannot run it (no pipeline): a worker or scheduler process runs it on its next tick. */
    record Queued(String requestId, Stage stage, LocalDate day, boolean alreadyQueued) implements Answer {}

    /** Nothing was done: it has already run, or is running now; {@code run} says when and by whom. */
    record AlreadyDone(Stage stage, LocalDate day, StageRuns.Run run) implements Answer {}

    /**
     * Nothing was done, and nothing will be until what {@code detail} names is fixed.
     *
     * @param reason a word for scripts: {@code not_yet}, {@code off}, {@code no_models}
     */
    record Refused(Stage stage, LocalDate day, String reason, String detail) implements Answer {}

    /** A request and the run of its stage (empty for a re-send, or before it ran). */
    record RequestView(WorkRequestStore.Request request, Optional<StageRuns.Run> stageRun) {}
}
