package autobench.dispatch;

import autobench.WireName;

/** Why a request was sent: written to the ledger before it leaves. */
public enum CallReason implements WireName {
    /** The submission's first request. */
    FIRST,
    /** Again after the provider refused before doing work (429, 503/529, connection refused). */
    RETRY,
    /** An operator asked for it (`autobench resend`): the earlier request may have been billed. */
    OPERATOR_RESEND,
    /** The task writer's one call for a day ({@code task_generator} naming a model): no submission, keyed by the day. */
    TASK_WRITER
}
