package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.db.Database;
import autobench.rating.Outcome;
import autobench.testing.Store;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pair's vote count is split over {@link VoteStore#PAIR_SHARDS} rows, so votes on the same two models do
 * not queue on one row lock, and the count read for balancing is the sum of the rows.
 */
class PairCountShardsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Store.class)
    void votes_on_one_pair_spread_over_several_rows_and_the_pair_counts_their_sum(Store store) {
        try (Voting v = Voting.demoOnly(store, tmp).publish()) {
            Battles battles = v.battles();
            Battle first = battles.issue("visitor", "203.0.113.7").orElseThrow();
            int votes = 40;
            for (int i = 0; i < votes; i++) {
                assertThat(battles.cast(v.ticket(battles, first, "ticket-" + i), "visitor", Outcome.TIE, "203.0.113.7"))
                        .isInstanceOf(CastResult.Accepted.class);
            }
            String a = v.modelOf(first.leftSubmissionId()), b = v.modelOf(first.rightSubmissionId());
            var pair = new VoteStore(v.arena.storage().database())
                    .pairCounts().stream()
                            .filter(p -> (p.leftModel() + p.rightModel()).equals(a.compareTo(b) < 0 ? a + b : b + a))
                            .toList();
            assertThat(pair)
                    .singleElement()
                    .satisfies(p -> assertThat(p.battles()).isEqualTo(votes));
            long rows = v.arena
                    .storage()
                    .database()
                    .jdbi()
                    .withHandle(
                            h -> h.createQuery("SELECT COUNT(*) FROM pair_counts WHERE model_a = :a AND model_b = :b")
                                    .bind("a", a.compareTo(b) < 0 ? a : b)
                                    .bind("b", a.compareTo(b) < 0 ? b : a)
                                    .mapTo(Long.class)
                                    .one());
            assertThat(rows).isGreaterThan(1).isLessThanOrEqualTo(VoteStore.PAIR_SHARDS);
            assertThat(v.counts()).isEqualTo(new Voting.Counts(votes, votes, 2L * votes, votes));
        }
    }

    /**
     * On PostgreSQL rows are locked, not the table: while one vote's transaction on a pair is still open, a vote
     * on the same pair that lands on another row commits without waiting for it (with one row per pair it waited
     * until the first committed).
     */
    @Test
    void a_vote_on_postgresql_does_not_wait_for_an_open_vote_on_the_same_pair() throws Exception {
        try (Voting v = Voting.demoOnly(Store.POSTGRES, tmp).publish()) {
            Battles battles = v.battles();
            Battle first = battles.issue("visitor", "203.0.113.7").orElseThrow();
            String held = "held-ticket", other = "other-ticket";
            for (int i = 0; i < 100 && VoteStore.pairShard(other) == VoteStore.pairShard(held); i++) {
                other = "other-ticket-" + i; // a ticket whose vote lands on another row (with one row, none does)
            }
            String a = v.modelOf(first.leftSubmissionId()), b = v.modelOf(first.rightSubmissionId());
            String lo = a.compareTo(b) < 0 ? a : b, hi = a.compareTo(b) < 0 ? b : a;
            try (Handle open = v.arena.storage().database().jdbi().open()) {
                open.begin();
                CompletableFuture<CastResult> cast;
                try {
                    // the pair's row of the held ticket, raised and left locked by an open transaction
                    open.createUpdate("INSERT INTO pair_counts (model_a, model_b, shard, votes) VALUES (:a, :b, :s, 1)")
                            .bind("a", lo)
                            .bind("b", hi)
                            .bind("s", VoteStore.pairShard(held))
                            .execute();
                    String token = v.ticket(battles, first, other);
                    cast = CompletableFuture.supplyAsync(
                            () -> battles.cast(token, "visitor", Outcome.LEFT, "203.0.113.7"));
                    assertThat(cast)
                            .as("cast while another vote on the pair is open")
                            .succeedsWithin(10, TimeUnit.SECONDS)
                            .isInstanceOf(CastResult.Accepted.class);
                } finally {
                    open.rollback(); // a cast still waiting (the test failed) goes on and ends
                }
            }
        }
    }

    /** A database from before the shards (schema 14) keeps every pair's count through the upgrade. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void an_older_database_keeps_its_pair_counts_through_the_upgrade(Store store) {
        String url = store.freshUrl(tmp);
        Flyway.configure()
                .dataSource(url, null, null)
                .locations(
                        "classpath:db/migration",
                        "classpath:db/vendor/" + (store == Store.SQLITE ? "sqlite" : "postgresql"))
                .target("14")
                .load()
                .migrate();
        Jdbi.create(url)
                .useHandle(
                        h -> h.execute(
                                "INSERT INTO pair_counts (model_a, model_b, votes) VALUES ('alpha', 'beta', 7), ('alpha', 'gamma', 2)"));
        try (Database db = Database.open(url, null, null)) {
            VoteStore votes = new VoteStore(db);
            assertThat(votes.pairCounts())
                    .containsExactlyInAnyOrder(
                            new VoteStore.PairCount("alpha", "beta", 7), new VoteStore.PairCount("alpha", "gamma", 2));
        }
    }
}
