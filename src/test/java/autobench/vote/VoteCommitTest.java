package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.testing.StatementCounter;
import autobench.testing.Store;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL a vote's transaction, and only it, commits without waiting for the disk (the promise of
 * SQLite's synchronous=NORMAL: no accepted vote is lost to a crash of an AutoBench process); the setting ends
 * with the transaction, so the pooled connection's next user commits synchronously again.
 */
class VoteCommitTest {
    @TempDir
    Path tmp;

    @Test
    void a_vote_on_postgresql_commits_asynchronously_and_the_connection_after_it_does_not() {
        try (Voting v = Voting.demoOnly(Store.POSTGRES, tmp).publish()) {
            Jdbi jdbi = v.arena.storage().database().jdbi();
            try (StatementCounter sql = new StatementCounter(jdbi, s -> true)) {
                Battles battles = v.battles();
                Battle b = battles.issue("visitor", "203.0.113.7").orElseThrow();
                assertThat(sql.statements())
                        .noneMatch(s -> s.contains("autobench_cast_vote")); // drawing a battle writes nothing
                sql.reset();
                assertThat(battles.cast(b.token(), "visitor", Outcome.LEFT, "203.0.113.7"))
                        .isInstanceOf(CastResult.Accepted.class);
                assertThat(sql.statements())
                        .as("the vote's writes are one call of the function that sets the commit mode")
                        .filteredOn(s -> s.contains("INSERT") || s.contains("autobench_cast_vote"))
                        .singleElement()
                        .asString()
                        .contains("autobench_cast_vote");
                // every connection of the pool, after the vote: the server's own setting again, not one the vote set
                // (the embedded server of the tests runs with synchronous_commit off throughout, so the check is of
                // where the setting comes from, not of its value)
                for (int i = 0; i < v.arena.storage().database().poolSize() + 1; i++) {
                    String source = jdbi.withHandle(
                            h -> h.createQuery("SELECT source FROM pg_settings WHERE name = 'synchronous_commit'")
                                    .mapTo(String.class)
                                    .one());
                    assertThat(source).isNotIn("session", "transaction");
                }
            }
            assertThat(v.arena.storage().votes().all()).hasSize(1);
        }
    }

    /**
     * What the function does to the commit mode, seen from inside its transaction: with the session's setting
     * on, the setting is off after the call, and on again once the transaction ends (the embedded server runs
     * with it off, so the session sets it on first to make the change visible).
     */
    @Test
    void the_vote_function_turns_synchronous_commit_off_for_its_own_transaction_only() {
        try (Voting v = Voting.demoOnly(Store.POSTGRES, tmp).publish()) {
            Battles battles = v.battles();
            Battle b = battles.issue("visitor", "203.0.113.7").orElseThrow();
            assertThat(battles.cast(b.token(), "visitor", Outcome.LEFT, "203.0.113.7"))
                    .isInstanceOf(CastResult.Accepted.class);
            v.arena.storage().database().jdbi().useHandle(h -> {
                h.execute("SET synchronous_commit = on");
                h.begin();
                String replay = h.createQuery("SELECT autobench_cast_vote(:id, :task, :l, :r, 'visitor', 0, 1, 0,"
                                + " '2026-06-01', 'net', 'addr', 10, 10, 'vote-x', 'a', 'b', 'left', 0, 'a', 'b', 0)")
                        .bind("id", b.id())
                        .bind("task", b.taskId())
                        .bind("l", b.leftSubmissionId())
                        .bind("r", b.rightSubmissionId())
                        .mapTo(String.class)
                        .one();
                assertThat(replay).isEqualTo("replayed");
                assertThat(h.createQuery("SHOW synchronous_commit")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo("off");
                h.rollback();
                assertThat(h.createQuery("SHOW synchronous_commit")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo("on");
                h.execute("RESET synchronous_commit");
            });
            assertThat(v.counts()).isEqualTo(new Voting.Counts(1, 1, 2, 1));
        }
    }

    /**
     * The vote's four writes (battle row, both tallies, the vote, the pair count) are one call on PostgreSQL, in
     * its own transaction: one round trip, where each write and the commit were one of their own before. Once both
     * answers of a battle have been read, nothing else is asked.
     */
    @Test
    void a_vote_on_postgresql_is_one_call_in_one_round_trip() {
        try (Voting v = Voting.demoOnly(Store.POSTGRES, tmp).publish()) {
            Jdbi jdbi = v.arena.storage().database().jdbi();
            Battles battles = v.battles();
            Battle first = battles.issue("visitor", "203.0.113.7").orElseThrow();
            assertThat(battles.cast(first.token(), "visitor", Outcome.LEFT, "203.0.113.7"))
                    .isInstanceOf(CastResult.Accepted.class);
            // a second ticket for the same two answers: their task and models are known, so the vote reads nothing
            String second = v.ticket(battles, first, "second-ticket");
            try (StatementCounter sql = new StatementCounter(jdbi, s -> true)) {
                assertThat(battles.cast(second, "visitor", Outcome.RIGHT, "203.0.113.7"))
                        .isInstanceOf(CastResult.Accepted.class);
                assertThat(sql.statements()).singleElement().asString().contains("autobench_cast_vote");
            }
            assertThat(v.counts()).isEqualTo(new Voting.Counts(2, 2, 4, 2));
        }
    }
}
