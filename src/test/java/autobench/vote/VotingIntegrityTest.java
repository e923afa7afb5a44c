package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.testing.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a vote can be wrong is refused with its reason, and a refused vote leaves no trace. */
class VotingIntegrityTest {
    static final String ME = "visitor-me", OTHER = "visitor-other", ADDRESS = "203.0.113.7";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void an_accepted_vote_is_stored_once_with_the_models_the_server_put_on_each_side(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            Battle b = battles.issue(ME, ADDRESS).orElseThrow();

            CastResult r = battles.cast(b.token(), ME, Outcome.RIGHT, ADDRESS);

            assertThat(r)
                    .isEqualTo(new CastResult.Accepted(
                            b.taskId(),
                            v.modelOf(b.leftSubmissionId()),
                            v.modelOf(b.rightSubmissionId()),
                            Outcome.RIGHT));
            assertThat(v.arena.storage().votes().all()).singleElement().satisfies(s -> {
                assertThat(s.leftModel()).isEqualTo(v.modelOf(b.leftSubmissionId()));
                assertThat(s.rightModel()).isEqualTo(v.modelOf(b.rightSubmissionId()));
                assertThat(s.outcome()).isEqualTo(Outcome.RIGHT);
                assertThat(s.simulated()).isFalse();
            });
            assertThat(v.counts()).isEqualTo(new Voting.Counts(1, 1, 2, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_replayed_token_is_refused_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            Battle b = battles.issue(ME, ADDRESS).orElseThrow();
            assertThat(battles.cast(b.token(), ME, Outcome.LEFT, ADDRESS)).isInstanceOf(CastResult.Accepted.class);
            Voting.Counts before = v.counts();

            assertRefused(battles.cast(b.token(), ME, Outcome.RIGHT, ADDRESS), Refusal.REPLAYED);
            assertRefused(battles.cast(b.token(), ME, Outcome.LEFT, "198.51.100.1"), Refusal.REPLAYED);

            assertThat(v.counts()).isEqualTo(before);
            assertThat(v.arena.storage().votes().all())
                    .singleElement()
                    .extracting(VoteStore.StoredVote::outcome)
                    .isEqualTo(Outcome.LEFT);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_token_sent_with_another_visitors_cookie_is_refused_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            Battle b = battles.issue(ME, ADDRESS).orElseThrow();

            assertRefused(battles.cast(b.token(), OTHER, Outcome.LEFT, ADDRESS), Refusal.WRONG_VISITOR);
            assertRefused(battles.cast(b.token(), null, Outcome.LEFT, ADDRESS), Refusal.WRONG_VISITOR);

            assertThat(v.counts()).isEqualTo(new Voting.Counts(0, 0, 0, 0));
            assertThat(battles.cast(b.token(), ME, Outcome.LEFT, ADDRESS))
                    .as("its own visitor still can")
                    .isInstanceOf(CastResult.Accepted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_forged_or_tampered_token_is_refused_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            Battle mine = battles.issue(ME, ADDRESS).orElseThrow();
            byte[] sealed = Base64.getUrlDecoder().decode(mine.token());
            List<String> forged = new ArrayList<>();
            for (int at : new int[] {0, 11, 12, 20, sealed.length / 2, sealed.length - 17, sealed.length - 1}) {
                byte[] flipped = sealed.clone();
                flipped[at] ^= 1; // one bit of the nonce, the sealed ticket or its tag
                forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped));
            }
            forged.addAll(List.of(
                    mine.token().substring(0, mine.token().length() - 4), // truncated
                    mine.token() + "AAAA", // lengthened
                    mine.id(), // the ticket's id alone
                    "",
                    "not a token at all",
                    "x".repeat(5000)));
            for (String token : forged) {
                assertRefused(battles.cast(token, ME, Outcome.LEFT, ADDRESS), Refusal.FORGED);
            }
            assertRefused(battles.cast(null, ME, Outcome.LEFT, ADDRESS), Refusal.FORGED);
            // A token from a database with another secret is as good as made up.
            try (Voting elsewhere = Voting.demoOnly(store, tmp).publish()) {
                Battle foreign = elsewhere.battles().issue(ME, ADDRESS).orElseThrow();
                assertRefused(battles.cast(foreign.token(), ME, Outcome.LEFT, ADDRESS), Refusal.FORGED);
            }

            assertThat(v.counts()).isEqualTo(new Voting.Counts(0, 0, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void an_expired_token_is_refused_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles(Voting.QUICK.withLifetime(Duration.ofMinutes(10)), 1);
            Battle b = battles.issue(ME, ADDRESS).orElseThrow();
            assertThat(b.expiresAt())
                    .isEqualTo(v.clock.millis() + Duration.ofMinutes(10).toMillis());

            v.clock.advance(Duration.ofMinutes(10));
            assertRefused(battles.cast(b.token(), ME, Outcome.LEFT, ADDRESS), Refusal.EXPIRED);

            assertThat(v.counts()).isEqualTo(new Voting.Counts(0, 0, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_vote_on_an_unknown_battle_is_refused_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            Battle real = battles.issue(ME, ADDRESS).orElseThrow();
            long now = v.clock.millis();
            String token = battles.sign(new Tokens.Ticket(
                    "00000000-0000-0000-0000-000000000000",
                    ME,
                    real.taskId(),
                    "no-such-submission",
                    real.rightSubmissionId(),
                    now,
                    now + 60_000));
            assertRefused(battles.cast(token, ME, Outcome.LEFT, ADDRESS), Refusal.UNKNOWN_BATTLE);

            assertThat(v.counts()).isEqualTo(new Voting.Counts(0, 0, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_vote_past_the_visitors_daily_cap_is_refused_and_counted_nowhere_until_the_next_day(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles(Voting.QUICK.withCaps(3, 1000), 1);
            for (int i = 0; i < 3; i++) {
                Battle b = battles.issue(ME, ADDRESS).orElseThrow();
                assertThat(battles.cast(b.token(), ME, Outcome.TIE, "198.51.100." + i))
                        .isInstanceOf(CastResult.Accepted.class);
            }
            Voting.Counts before = v.counts();

            Battle fourth = battles.issue(ME, ADDRESS).orElseThrow();
            assertRefused(battles.cast(fourth.token(), ME, Outcome.LEFT, "198.51.100.99"), Refusal.OVER_VISITOR_CAP);
            assertThat(v.counts()).isEqualTo(before);

            assertThat(battles.cast(battles.issue(OTHER, ADDRESS).orElseThrow().token(), OTHER, Outcome.LEFT, ADDRESS))
                    .as("another visitor has a cap of their own")
                    .isInstanceOf(CastResult.Accepted.class);
            v.clock.advance(Duration.ofHours(12)); // past midnight in the arena's zone
            Battle tomorrow = battles.issue(ME, ADDRESS).orElseThrow();
            assertThat(battles.cast(tomorrow.token(), ME, Outcome.LEFT, ADDRESS))
                    .isInstanceOf(CastResult.Accepted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_vote_past_the_networks_daily_cap_is_refused_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles(Voting.QUICK.withCaps(100, 2), 1);
            for (String visitor : List.of("a", "b")) {
                Battle b = battles.issue(visitor, ADDRESS).orElseThrow();
                assertThat(battles.cast(b.token(), visitor, Outcome.TIE, ADDRESS))
                        .isInstanceOf(CastResult.Accepted.class);
            }
            Voting.Counts before = v.counts();

            Battle third = battles.issue("c", ADDRESS).orElseThrow();
            assertRefused(battles.cast(third.token(), "c", Outcome.LEFT, "203.0.113.200"), Refusal.OVER_NETWORK_CAP);
            assertThat(v.counts()).isEqualTo(before);

            assertThat(battles.cast(third.token(), "c", Outcome.LEFT, "198.51.100.1"))
                    .as("the refusal did not use up the battle")
                    .isInstanceOf(CastResult.Accepted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void racing_casts_store_one_vote_per_token_and_never_exceed_the_cap(Store store) throws Exception {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles(Voting.QUICK.withCaps(2, 1000), 1);
            Battle one = battles.issue(ME, ADDRESS).orElseThrow();
            List<Callable<CastResult>> sameToken = new ArrayList<>();
            for (int i = 0; i < 6; i++) sameToken.add(() -> battles.cast(one.token(), ME, Outcome.LEFT, ADDRESS));
            assertThat(race(sameToken).stream().filter(CastResult.Accepted.class::isInstance))
                    .hasSize(1);

            List<Callable<CastResult>> pastCap = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Battle b = battles.issue(ME, ADDRESS).orElseThrow();
                pastCap.add(() -> battles.cast(b.token(), ME, Outcome.LEFT, ADDRESS));
            }
            assertThat(race(pastCap).stream().filter(CastResult.Accepted.class::isInstance))
                    .as("one place was left under the cap")
                    .hasSize(1);
            assertThat(v.counts()).isEqualTo(new Voting.Counts(2, 2, 4, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void every_process_on_one_database_shares_the_secret_and_stores_addresses_only_keyed(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battle b = v.battles().issue(ME, ADDRESS).orElseThrow();
            Battles anotherProcess = v.battles(Voting.QUICK, 99);

            assertThat(anotherProcess.cast(b.token(), ME, Outcome.LEFT, ADDRESS))
                    .isInstanceOf(CastResult.Accepted.class);

            String stored = v.arena
                    .storage()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT address_hash FROM votes")
                            .mapTo(String.class)
                            .one());
            assertThat(stored).hasSize(64).doesNotContain(ADDRESS).isNotEqualTo(sha256(ADDRESS));
        }
    }

    private static List<CastResult> race(List<Callable<CastResult>> casts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(casts.size());
        try {
            List<CastResult> out = new ArrayList<>();
            for (Future<CastResult> f : pool.invokeAll(casts)) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String sha256(String s) throws RuntimeException {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertRefused(CastResult r, Refusal reason) {
        assertThat(r).isInstanceOfSatisfying(CastResult.Refused.class, f -> {
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.message())
                    .isEqualTo(reason.message())
                    .contains("not counted")
                    .doesNotContainIgnoringCase("exception");
        });
    }
}
