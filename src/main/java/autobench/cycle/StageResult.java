package autobench.cycle;

import autobench.cycle.StageRuns.Status;

/**
 * How running a stage (or a re-send) for a request ended.
 *
 * @param word       a word for scripts: done, stopped, failed, already_done, already_running, not_yet, off, re-sent
 * @param alreadyRun the run that had finished (or was running) before, when nothing was done
 */
public record StageResult(Status status, String word, String detail, StageRuns.Run alreadyRun) {
    /** The request's own status: done unless the stage failed or could not run. */
    WorkRequestStore.Status requestStatus() {
        return status == Status.FAILED ? WorkRequestStore.Status.FAILED : WorkRequestStore.Status.DONE;
    }

    String summary() {
        return word + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }
}
