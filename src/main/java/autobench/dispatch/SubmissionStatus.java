package autobench.dispatch;

import java.util.Locale;

/** pending → calling → succeeded | failed | unknown. Only an operator moves unknown/failed back to pending. */
public enum SubmissionStatus {
    PENDING, CALLING, SUCCEEDED, FAILED, UNKNOWN;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == UNKNOWN;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubmissionStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
