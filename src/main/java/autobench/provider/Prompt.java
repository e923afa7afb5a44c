package autobench.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * What is sent to a model.
 *
 * @param system          system instructions (may be empty)
 * @param user            the task prompt
 * @param maxOutputTokens upper bound on generated tokens
 * @param temperature     sampling temperature, or {@code null} to send none (reasoning models)
 * @param timeout         how long one call may take before it counts as timed out
 */
public record Prompt(String system, String user, int maxOutputTokens, Double temperature, Duration timeout) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timeout, "timeout");
        if (maxOutputTokens <= 0) throw new IllegalArgumentException("maxOutputTokens must be positive");
    }
}
