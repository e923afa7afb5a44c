package autobench.task;

import java.util.Locale;

/** A task's life: written, approved for sending, sent to every model, rendered and public. */
public enum TaskStatus {
    PROPOSED, APPROVED, DISPATCHED, PUBLISHED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
