package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.rating.Outcome;
import autobench.testing.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
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
            SqlLogger before = jdbi.getConfig(SqlStatements.class).getSqlLogger();
            List<String> seen = new CopyOnWriteArrayList<>();
            jdbi.setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    seen.add(context.getRawSql().strip());
                }
            });
            try {
                Battles battles = v.battles();
                Battle b = battles.issue("visitor", "203.0.113.7").orElseThrow();
                assertThat(seen).noneMatch(s -> s.contains("synchronous_commit")); // drawing a battle writes nothing
                seen.clear();
                assertThat(battles.cast(b.token(), "visitor", Outcome.LEFT, "203.0.113.7"))
                        .isInstanceOf(CastResult.Accepted.class);
                int set = indexOf(seen, "synchronous_commit"), insert = indexOf(seen, "INSERT INTO votes");
                assertThat(set)
                        .as("set inside the vote's transaction, before its writes: " + seen)
                        .isGreaterThanOrEqualTo(0)
                        .isLessThan(insert);
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
            } finally {
                jdbi.setSqlLogger(before);
            }
            assertThat(v.arena.storage().votes().all()).hasSize(1);
        }
    }

    private static int indexOf(List<String> statements, String fragment) {
        for (int i = 0; i < statements.size(); i++) if (statements.get(i).contains(fragment)) return i;
        return -1;
    }
}
