package autobench.vote;

import static autobench.vote.VotingIntegrityTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.testing.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Stuffing made expensive: caps per network, a minimum time to look, and battles that cost nothing until voted. */
class VoteStuffingTest {
    @TempDir
    Path tmp;

    enum Family {
        IPV4("203.0.113.%d", "198.51.100.7"),
        IPV6("2001:db8:7:42::%x", "2001:db8:7:43::1");
        final String inOneNetwork, elsewhere;

        Family(String inOneNetwork, String elsewhere) {
            this.inOneNetwork = inOneNetwork;
            this.elsewhere = elsewhere;
        }
    }

    record Run(Store store, Family family) {}

    static List<Run> runs() {
        return Arrays.stream(Store.values())
                .flatMap(s -> Arrays.stream(Family.values()).map(f -> new Run(s, f)))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void votes_from_twenty_addresses_of_one_network_with_fresh_cookies_stop_at_the_network_cap(Run run) {
        int cap = 25;
        try (Voting v = Voting.demoOnly(run.store(), tmp).publish()) {
            Battles battles = v.battles(Voting.QUICK.withCaps(200, cap), 1);
            int accepted = 0, overNetwork = 0;
            for (int address = 1; address <= 20; address++) {
                for (int cookie = 0;
                        cookie < 3;
                        cookie++) { // a fresh cookie for every vote: the visitor cap never bites
                    String visitor = "v-" + address + "-" + cookie;
                    String from = run.family().inOneNetwork.formatted(address);
                    Battle b = battles.issue(visitor, from).orElseThrow();
                    switch (battles.cast(b.token(), visitor, Outcome.LEFT, from)) {
                        case CastResult.Accepted a -> accepted++;
                        case CastResult.Refused r -> {
                            assertThat(r.reason()).isEqualTo(Refusal.OVER_NETWORK_CAP);
                            overNetwork++;
                        }
                    }
                }
            }

            assertThat(accepted)
                    .as("60 attempts from 20 addresses of one network")
                    .isEqualTo(cap);
            assertThat(overNetwork).isEqualTo(60 - cap);
            assertThat(v.counts().votes()).isEqualTo(cap);
            Battle b = battles.issue("someone-else", run.family().elsewhere).orElseThrow();
            assertThat(battles.cast(b.token(), "someone-else", Outcome.LEFT, run.family().elsewhere))
                    .as("the next network votes")
                    .isInstanceOf(CastResult.Accepted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_vote_sooner_than_the_minimum_view_time_is_refused_as_too_fast_and_counted_nowhere(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles(VoteSettings.DEFAULTS, 1);
            assertThat(VoteSettings.DEFAULTS.minViewTime()).isEqualTo(Duration.ofSeconds(4));
            Battle b = battles.issue("me", "203.0.113.7").orElseThrow();

            assertRefused(battles.cast(b.token(), "me", Outcome.LEFT, "203.0.113.7"), Refusal.TOO_FAST);
            v.clock.advance(Duration.ofMillis(3_999));
            assertRefused(battles.cast(b.token(), "me", Outcome.LEFT, "203.0.113.7"), Refusal.TOO_FAST);
            assertThat(v.counts()).isEqualTo(new Voting.Counts(0, 0, 0, 0));

            v.clock.advance(Duration.ofMillis(1));
            assertThat(battles.cast(b.token(), "me", Outcome.LEFT, "203.0.113.7"))
                    .as("after four seconds of looking")
                    .isInstanceOf(CastResult.Accepted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void twenty_thousand_battles_shown_add_no_row_and_stay_balanced_across_pairs(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            long before = rows(v);
            Map<String, Integer> perPair = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                Battle b = battles.issue("crawler-" + (i % 50), "203.0.113.9").orElseThrow();
                perPair.merge(pair(v, b), 1, Integer::sum);
            }

            assertThat(rows(v)).isEqualTo(before).isZero();
            assertThat(perPair).hasSize(6).allSatisfy((p, n) -> assertThat(n).isBetween(3_333, 3_334));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void one_ticket_raced_through_two_processes_votes_once(Store store) throws Exception {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles one = v.battles(Voting.QUICK, 1), other = v.battles(Voting.QUICK, 2);
            Battle b = one.issue("me", "203.0.113.7").orElseThrow();
            List<Callable<CastResult>> casts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Battles via = i % 2 == 0 ? one : other;
                casts.add(() -> via.cast(b.token(), "me", Outcome.RIGHT, "203.0.113.7"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(casts.size());
            try {
                int accepted = 0;
                for (Future<CastResult> f : pool.invokeAll(casts)) {
                    if (f.get() instanceof CastResult.Accepted) accepted++;
                    else assertRefused(f.get(), Refusal.REPLAYED);
                }
                assertThat(accepted).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(v.counts()).isEqualTo(new Voting.Counts(1, 1, 2, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void a_ticket_shows_no_submission_id_and_no_model(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            // A visitor id long enough that random ticket bytes cannot spell it by chance ("me" did, 1 run in ~15).
            String visitor = "visitor-4f9c2a71";
            Battle b = v.battles().issue(visitor, "203.0.113.7").orElseThrow();
            String decoded = new String(Base64.getUrlDecoder().decode(b.token()), StandardCharsets.ISO_8859_1);

            for (String secret : List.of(
                    b.leftSubmissionId(),
                    b.rightSubmissionId(),
                    b.taskId(),
                    v.modelOf(b.leftSubmissionId()),
                    visitor)) {
                assertThat(b.token()).doesNotContain(secret);
                assertThat(decoded).doesNotContain(secret);
            }
        }
    }

    private static String pair(Voting v, Battle b) {
        String l = v.modelOf(b.leftSubmissionId()), r = v.modelOf(b.rightSubmissionId());
        return l.compareTo(r) < 0 ? l + "|" + r : r + "|" + l;
    }

    /** Every row the vote path could write. */
    private static long rows(Voting v) {
        return v.arena
                .storage()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT (SELECT COUNT(*) FROM battles) + (SELECT COUNT(*) FROM votes) + (SELECT COUNT(*) FROM vote_tallies)
                     + (SELECT COUNT(*) FROM pair_counts)""").mapTo(Long.class).one());
    }
}
