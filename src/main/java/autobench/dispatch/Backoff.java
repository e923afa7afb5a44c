package autobench.dispatch;

import java.time.Duration;

/**
 * How long to wait before attempt {@code n+1}: the provider's Retry-After when it gave one
 * exactly, otherwise exponential from the base, capped.
 */
record Backoff(long baseMillis, long maxMillis) {

    /** @return the wait, or {@code null} when the provider asks for longer than we are willing to wait */
    Duration delay(int attemptJustFailed, Duration retryAfter) {
        long exp = baseMillis * (1L << Math.min(20, Math.max(0, attemptJustFailed - 1)));
        if (retryAfter != null) {
            if (retryAfter.toMillis() > maxMillis) return null;
            return retryAfter;
        }
        return Duration.ofMillis(Math.min(exp, maxMillis));
    }
}
