package autobench.admin;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.db.Database;
import autobench.testing.ManualClock;
import autobench.testing.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Operator sign-in on both databases: the token, the rate limit, expiry, and what is stored. */
class SessionsTest {
    static final String TOKEN = "a-long-operator-token-0123456789";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_session_is_stored_only_as_a_hash_expires_after_its_lifetime_and_ends_at_sign_out(Store store) {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-10T12:00:00Z"));
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            Sessions sessions = new Sessions(new AdminStore(db), TOKEN, clock);
            Sessions.SignedIn in = (Sessions.SignedIn) sessions.login(TOKEN, "10.0.0.1");
            String stored = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT id_sha256 || ' ' || csrf FROM admin_sessions")
                            .mapTo(String.class)
                            .one());
            assertThat(stored).doesNotContain(in.cookie()).startsWith(Sessions.sha256(in.cookie()));
            assertThat(sessions.find(in.cookie())).contains(in.session());
            assertThat(Sessions.csrfMatches(in.session(), in.session().csrf())).isTrue();
            assertThat(Sessions.csrfMatches(in.session(), in.session().csrf().substring(1)))
                    .isFalse();
            assertThat(Sessions.csrfMatches(in.session(), null)).isFalse();

            clock.advance(Sessions.LIFETIME.minusSeconds(1));
            assertThat(sessions.find(in.cookie())).isPresent();
            clock.advance(Duration.ofSeconds(1));
            assertThat(sessions.find(in.cookie())).as("expired").isEmpty();

            Sessions.SignedIn again = (Sessions.SignedIn) sessions.login(TOKEN, "10.0.0.1");
            sessions.logout(again.session());
            assertThat(sessions.find(again.cookie())).isEmpty();
            long left = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admin_sessions")
                            .mapTo(Long.class)
                            .one());
            assertThat(left)
                    .as("the expired one was dropped at the next sign-in, the other at sign-out")
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void wrong_tokens_are_refused_and_slowed_down_but_the_right_one_always_signs_in(Store store) {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-10T12:00:00Z"));
        try (Database db = Database.open(store.freshUrl(tmp), null, null)) {
            Sessions sessions = new Sessions(new AdminStore(db), TOKEN, clock);
            assertThat(sessions.login(null, "10.0.0.9")).isInstanceOf(Sessions.Refused.class);
            for (int i = 1; i < 10; i++)
                assertThat(sessions.login(TOKEN + i, "10.0.0.9")).isInstanceOf(Sessions.Refused.class);
            assertThat(sessions.login(TOKEN + "x", "10.0.0.9"))
                    .as("the eleventh guess")
                    .isInstanceOf(Sessions.SlowDown.class);
            assertThat(sessions.login(TOKEN, "10.0.0.9"))
                    .as("the operator behind the same proxy address")
                    .isInstanceOf(Sessions.SignedIn.class);
            clock.advance(Duration.ofMinutes(1));
            assertThat(sessions.login(TOKEN + "x", "10.0.0.9"))
                    .as("forgiven after a minute")
                    .isInstanceOf(Sessions.Refused.class);
            assertThat(new Sessions(new AdminStore(db), null, clock).login(TOKEN, "10.0.0.9"))
                    .isInstanceOf(Sessions.Off.class);
            assertThat(new Sessions(new AdminStore(db), null, clock).find("ab".repeat(32)))
                    .isEmpty();
        }
    }
}
