package autobench.provider;

import java.time.Duration;
import java.util.Objects;

/** What one call to a model produced. Sealed: the dispatcher handles every case. */
public sealed interface Completion {

    /** The raw reply body as received (never containing our key); empty when nothing arrived. */
    String raw();

    /**
     * The model answered.
     *
     * @param text         the answer, without any separately reported reasoning
     * @param reasoning    reasoning/thinking output the API reported apart from the answer ("" if none)
     * @param finish       why it stopped
     * @param usage        tokens as reported
     * @param modelVersion the model version the API says answered ("" if not reported)
     */
    record Answered(String text, String reasoning, Finish finish, Usage usage, String modelVersion, String raw)
            implements Completion {
        public Answered {
            Objects.requireNonNull(text, "text");
            reasoning = reasoning == null ? "" : reasoning;
            Objects.requireNonNull(finish, "finish");
            usage = usage == null ? Usage.NONE : usage;
            modelVersion = modelVersion == null ? "" : modelVersion;
            raw = raw == null ? "" : raw;
        }
    }

    /** The model or the provider's safety system declined (refusal, content filter, safety block). */
    record Refused(String reason, Usage usage, String modelVersion, String raw) implements Completion {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            usage = usage == null ? Usage.NONE : usage;
            modelVersion = modelVersion == null ? "" : modelVersion;
            raw = raw == null ? "" : raw;
        }
    }

    /**
     * The call failed.
     *
     * @param httpStatus HTTP status, or 0 when none was received
     * @param retryAfter the provider's requested wait, or {@code null} if it gave none
     */
    record Failed(FailureKind kind, String message, int httpStatus, Duration retryAfter, String raw)
            implements Completion {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            message = message == null ? "" : message;
            raw = raw == null ? "" : raw;
        }

        public static Failed of(FailureKind kind, String message) {
            return new Failed(kind, message, 0, null, "");
        }
    }
}
