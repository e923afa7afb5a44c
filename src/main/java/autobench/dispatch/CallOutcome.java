package autobench.dispatch;

import autobench.WireName;
import autobench.provider.Completion;
import autobench.provider.Finish;
import java.util.EnumSet;
import java.util.Set;

/** What one ledger call came back as; {@code null} in the ledger while the call is in flight. */
public enum CallOutcome implements WireName {
    ANSWERED,
    TRUNCATED,
    REFUSED,
    RATE_LIMITED,
    OVERLOADED,
    CONNECT,
    AUTH,
    BAD_REQUEST,
    TIMEOUT,
    NETWORK,
    MALFORMED,
    SERVER_ERROR,
    /** The process died while the call was in flight: the provider may have received and billed it. */
    UNKNOWN;

    /** Outcomes where the provider did the work and billed it: a submission may have at most one. */
    public static final Set<CallOutcome> BILLED_ANSWERS = EnumSet.of(ANSWERED, TRUNCATED, REFUSED);

    public static CallOutcome of(Completion c) {
        return switch (c) {
            case Completion.Answered a -> a.finish() == Finish.LENGTH ? TRUNCATED : ANSWERED;
            case Completion.Refused r -> REFUSED;
            case Completion.Failed f -> valueOf(f.kind().name());
        };
    }
}
