package autobench.dispatch;

import autobench.WireName;
import autobench.provider.FailureKind;

/** What a submission ended as. Every failure is a result, stored and counted, never dropped. */
public enum SubmissionOutcome implements WireName {
    ANSWERED,
    REFUSED,
    TRUNCATED,
    NO_CODE,
    RATE_LIMITED,
    OVERLOADED,
    CONNECT,
    AUTH,
    BAD_REQUEST,
    TIMEOUT,
    NETWORK,
    MALFORMED,
    SERVER_ERROR,
    /** The claim's lease ran out while a call was in flight: the provider may have billed it. */
    LEASE_EXPIRED,
    /**
     * The ledger's attempt number was already taken by another process, so nothing was sent from
     * here; that process may have sent it, so the submission is unknown, not failed.
     */
    ATTEMPT_TAKEN,
    /** The process was stopped and its grace period ended while the call was still in flight. */
    STOPPED_IN_FLIGHT;

    public static SubmissionOutcome of(FailureKind kind) {
        return valueOf(kind.name());
    }
}
