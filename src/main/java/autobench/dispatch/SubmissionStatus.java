package autobench.dispatch;

import autobench.WireName;

/** pending → calling → succeeded | failed | unknown. Only an operator moves unknown/failed back to pending. */
public enum SubmissionStatus implements WireName {
    PENDING,
    CALLING,
    SUCCEEDED,
    FAILED,
    UNKNOWN;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == UNKNOWN;
    }
}
