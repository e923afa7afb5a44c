package autobench.admin;

import autobench.ops.CronGate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Operator sign-in. The token (from the variable {@code web.admin_token_env} names) is compared in
 * constant time and wrong guesses are rate-limited per address, as for the cron secret. A sign-in
 * gets a random session id for its cookie; the database keeps only the id's SHA-256, with the
 * session's CSRF token and expiry, so every web process behind a balancer knows the session.
 */
public final class Sessions {
    /** How long a session lasts from sign-in. */
    public static final Duration LIFETIME = Duration.ofHours(8);

    private final AdminStore store;
    private final CronGate gate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param token the configured admin token, or {@code null}: operator pages are off */
    public Sessions(AdminStore store, String token, Clock clock) {
        this.store = store;
        this.gate = new CronGate(token, clock);
        this.clock = clock;
    }

    public boolean enabled() {
        return gate.enabled();
    }

    /** The answer to a sign-in. */
    public sealed interface Login permits Off, Refused, SlowDown, SignedIn {}

    /** No token configured: operator pages are switched off. */
    public record Off() implements Login {}

    public record Refused() implements Login {}

    public record SlowDown() implements Login {}

    /** @param cookie the value for the session cookie (shown once, never stored) */
    public record SignedIn(String cookie, Session session) implements Login {}

    /**
     * A live session.
     *
     * @param actor how the audit log names it: {@code session:} and the first 8 hex digits of its hash
     */
    public record Session(String idSha256, String csrf, long expiresAt) {
        public String actor() {
            return "session:" + idSha256.substring(0, 8);
        }
    }

    public Login login(String presented, String address) {
        return switch (gate.check(presented, address)) {
            case OFF -> new Off();
            case REFUSED -> new Refused();
            case SLOW_DOWN -> new SlowDown();
            case ALLOWED -> {
                long now = clock.millis();
                store.deleteExpired(now);
                String cookie = randomHex(32);
                Session s = new Session(sha256(cookie), randomHex(32), now + LIFETIME.toMillis());
                store.createSession(new AdminStore.SessionRow(s.idSha256(), s.csrf(), now, s.expiresAt()));
                yield new SignedIn(cookie, s);
            }
        };
    }

    /** The live session a cookie value names, if any. */
    public Optional<Session> find(String cookie) {
        if (!enabled() || cookie == null || !cookie.matches("[0-9a-f]{64}")) return Optional.empty();
        return store.session(sha256(cookie), clock.millis())
                .map(r -> new Session(r.idSha256(), r.csrf(), r.expiresAt()));
    }

    /** Whether a form's CSRF token is the session's own (constant time). */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        s.csrf().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    public void logout(Session s) {
        store.deleteSession(s.idSha256());
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
