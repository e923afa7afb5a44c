package autobench.task;

import autobench.WireName;

/**
 * A task's life: written, approved for sending, sent to every model, rendered and public. With
 * {@code auto_approve: false} an operator approves (or edits, or rejects) proposed tasks; a rejected
 * task is kept, is never sent, and its (day, slot) is not filled again.
 */
public enum TaskStatus implements WireName {
    PROPOSED,
    APPROVED,
    DISPATCHED,
    PUBLISHED,
    REJECTED
}
