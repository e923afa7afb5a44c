package autobench.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may trigger a stage from outside (pg_cron + pg_net, a Kubernetes CronJob, CI): a caller
 * with the {@code x-cron-secret}. Compared in constant time; wrong guesses are rate-limited per
 * address, and the secret itself is never logged or echoed.
 */
public final class CronGate {
    /** Wrong or missing secrets allowed per address per window before everything from it is refused. */
    static final int FAILURES_PER_WINDOW = 10;
    /** Accepted calls per window, all addresses together: triggers are a few a day, not a stream. */
    static final int CALLS_PER_WINDOW = 60;
    static final long WINDOW_MS = 60_000;

    private final byte[] secretDigest;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new HashMap<>();
    private final Deque<Long> calls = new ArrayDeque<>();

    public enum Decision {
        /** Go ahead. */
        ALLOWED,
        /** No secret is configured: cron triggers are switched off (404, nothing to find). */
        OFF,
        /** Missing or wrong secret (401). */
        REFUSED,
        /** Too many calls or wrong guesses (429). */
        SLOW_DOWN
    }

    /** @param secret the configured secret, or {@code null} when cron triggers are off */
    public CronGate(String secret, Clock clock) {
        this.secretDigest = secret == null || secret.isEmpty() ? null : sha256(secret);
        this.clock = clock;
    }

    /** Whether a secret is configured (cron triggers on, metrics behind the secret). */
    public boolean enabled() {
        return secretDigest != null;
    }

    public synchronized Decision check(String presented, String address) {
        if (secretDigest == null) return Decision.OFF;
        long now = clock.millis();
        Deque<Long> mine = failures.computeIfAbsent(address == null ? "?" : address, a -> new ArrayDeque<>());
        prune(mine, now);
        if (mine.size() >= FAILURES_PER_WINDOW) return Decision.SLOW_DOWN;
        // Digests of equal length, compared in constant time: neither length nor prefix leaks.
        boolean ok = presented != null && MessageDigest.isEqual(secretDigest, sha256(presented));
        if (!ok) {
            mine.addLast(now);
            return Decision.REFUSED;
        }
        prune(calls, now);
        if (calls.size() >= CALLS_PER_WINDOW) return Decision.SLOW_DOWN;
        calls.addLast(now);
        if (failures.size() > 10_000) failures.values().removeIf(d -> { prune(d, now); return d.isEmpty(); });
        return Decision.ALLOWED;
    }

    private static void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MS) times.removeFirst();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
