package autobench.vote;

import autobench.rating.Outcome;

/** What became of a vote: counted (and the models revealed), or refused with nothing changed. */
public sealed interface CastResult {

    /** The vote was stored once; the names can now be shown. */
    record Accepted(String taskId, String leftModelId, String rightModelId, Outcome outcome) implements CastResult {}

    /** Nothing was stored; {@code message} is written for the visitor. */
    record Refused(Refusal reason, String message) implements CastResult {}
}
