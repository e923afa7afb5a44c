package autobench.provider;

import autobench.WireName;

/** Closed vocabulary of ways a call can fail. Adapters map every documented error to exactly one. */
public enum FailureKind implements WireName {
    /** HTTP 429 or a documented rate-limit error: the provider refused before doing work. */
    RATE_LIMITED(true),
    /** 503/529 or a documented "overloaded" error: refused before doing work. */
    OVERLOADED(true),
    /** The connection could not be opened (refused, unresolvable host): nothing was sent. */
    CONNECT(true),
    /** 401/402/403 or a documented billing error (quota, balance, spend cap): key missing, wrong or without access. */
    AUTH(false),
    /** 400/404/422: the request itself is wrong (unknown model id, bad parameter). */
    BAD_REQUEST(false),
    /** No complete reply within the call's timeout; the provider may have done (and billed) work. */
    TIMEOUT(false),
    /** The connection broke after the request was sent. */
    NETWORK(false),
    /** A reply arrived but could not be understood. */
    MALFORMED(false),
    /** 500 and other server errors: the provider may have done work, so never retried automatically. */
    SERVER_ERROR(false);

    private final boolean refusedBeforeWork;

    FailureKind(boolean refusedBeforeWork) {
        this.refusedBeforeWork = refusedBeforeWork;
    }

    /** True only where the provider said no before doing any work: the only failures that are retried. */
    public boolean refusedBeforeWork() {
        return refusedBeforeWork;
    }
}
