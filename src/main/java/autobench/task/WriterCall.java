package autobench.task;

import autobench.provider.Completion;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import java.time.LocalDate;

/**
 * How the task writer's one call for a day is made. In the arena the dispatch package makes it:
 * written to the call ledger before it leaves (one per day, ever), priced, counted against the
 * daily budget and in the metrics. The generator only reads the reply.
 */
@FunctionalInterface
public interface WriterCall {

    Reply ask(LocalDate day, Prompt prompt);

    /** What came of asking. */
    sealed interface Reply {
        /** The request left; this is what came back. */
        record Made(Completion completion) implements Reply {}

        /** No request left, and none will for this day (already made once, lost in flight, over budget): use the library. */
        record NotMade(String reason) implements Reply {}

        /** Another process is making the day's call right now: try again once it has stored its tasks. */
        record Busy(String reason) implements Reply {}
    }

    /** A call kept nowhere: for trying the generator on its own (tests, probes). */
    static WriterCall unrecorded(Provider provider) {
        return (day, prompt) -> new Reply.Made(provider.complete(prompt));
    }
}
