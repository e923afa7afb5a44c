package autobench.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;

/**
 * Who may trigger a stage from outside (pg_cron + pg_net, a Kubernetes CronJob, CI): a caller
 * with the {@code x-cron-secret}. The secret is checked first, in constant time, so the right
 * secret always gets through whatever others sent from the same address (behind a proxy every
 * caller may share one); only wrong or missing secrets count against an address, and an address
 * over its limit is refused without its guess being compared. The per-address map holds at most
 * {@link #MAX_ADDRESSES} entries and is swept of expired ones once a window, on any call. The
 * secret itself is never logged or echoed. The operator sign-in uses the same gate.
 */
public final class CronGate {
    /** Wrong or missing secrets allowed per address per window before its guesses are refused unheard. */
    static final int FAILURES_PER_WINDOW = 10;
    /** Accepted calls per window, all addresses together: triggers are a few a day, not a stream. */
    static final int CALLS_PER_WINDOW = 60;

    static final long WINDOW_MS = 60_000;
    /** Addresses remembered at once; past this the longest-quiet ones are forgotten first. */
    static final int MAX_ADDRESSES = 10_000;

    private final byte[] secretDigest;
    private final Clock clock;
    /** Address → times of its recent failures; in order of the last failure, so eviction drops the quietest. */
    private final LinkedHashMap<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true);

    private final Deque<Long> calls = new ArrayDeque<>();
    private long lastSweep;

    public enum Decision {
        /** Go ahead. */
        ALLOWED,
        /** No secret is configured: cron triggers are switched off (404, nothing to find). */
        OFF,
        /** Missing or wrong secret (401). */
        REFUSED,
        /** Too many calls, or too many wrong guesses from this address (429). */
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
        sweep(now);
        // Digests of equal length, compared in constant time: neither length nor prefix leaks.
        boolean ok = presented != null && MessageDigest.isEqual(secretDigest, sha256(presented));
        if (ok) {
            prune(calls, now);
            if (calls.size() >= CALLS_PER_WINDOW) return Decision.SLOW_DOWN;
            calls.addLast(now);
            return Decision.ALLOWED;
        }
        String key = address == null ? "?" : address;
        Deque<Long> mine = failures.get(key);
        if (mine != null) prune(mine, now);
        if (mine != null && mine.size() >= FAILURES_PER_WINDOW) return Decision.SLOW_DOWN;
        if (mine == null) {
            if (failures.size() >= MAX_ADDRESSES) {
                var quietest = failures.keySet().iterator();
                quietest.next();
                quietest.remove();
            }
            mine = new ArrayDeque<>();
            failures.put(key, mine);
        }
        mine.addLast(now);
        return Decision.REFUSED;
    }

    /** Addresses remembered now (for tests and the bounded-memory promise). */
    synchronized int addressesRemembered() {
        return failures.size();
    }

    /** Once a window: forget addresses whose failures have all expired. */
    private void sweep(long now) {
        if (now - lastSweep < WINDOW_MS) return;
        lastSweep = now;
        failures.values().removeIf(d -> {
            prune(d, now);
            return d.isEmpty();
        });
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
