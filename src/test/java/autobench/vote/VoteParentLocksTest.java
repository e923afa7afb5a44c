package autobench.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autobench.rating.Outcome;
import autobench.testing.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL a vote locks nothing it only points at (migration V17): under load, the foreign key
 * checks of every vote share-locked the same task, submission and model rows, and the multixacts that
 * made held whole groups of votes for hundreds of milliseconds. What the keys guarded is reported by
 * {@code autobench verify} instead; SQLite keeps its keys.
 */
class VoteParentLocksTest {
    @TempDir
    Path tmp;

    @Test
    void a_vote_on_postgresql_goes_through_while_another_transaction_holds_its_task_submissions_and_models()
            throws Exception {
        try (Voting v = Voting.demoOnly(Store.POSTGRES, tmp).publish()) {
            Jdbi jdbi = v.arena.storage().database().jdbi();
            Battles battles = v.battles();
            Battle b = battles.issue("visitor", "203.0.113.7").orElseThrow();
            try (Handle holder = jdbi.open()) {
                holder.begin();
                // FOR UPDATE conflicts with the FOR KEY SHARE a foreign key check takes
                holder.createQuery("SELECT id FROM tasks WHERE id = :t FOR UPDATE")
                        .bind("t", b.taskId())
                        .mapTo(String.class)
                        .list();
                holder.createQuery("SELECT id FROM submissions WHERE id IN (:l, :r) FOR UPDATE")
                        .bind("l", b.leftSubmissionId())
                        .bind("r", b.rightSubmissionId())
                        .mapTo(String.class)
                        .list();
                holder.createQuery("SELECT m.id FROM models m JOIN submissions s ON s.model_id = m.id"
                                + " WHERE s.id IN (:l, :r) FOR UPDATE OF m")
                        .bind("l", b.leftSubmissionId())
                        .bind("r", b.rightSubmissionId())
                        .mapTo(String.class)
                        .list();
                CompletableFuture<CastResult> vote = CompletableFuture.supplyAsync(
                        () -> battles.cast(b.token(), "visitor", Outcome.LEFT, "203.0.113.7"));
                assertThat(vote.get(10, TimeUnit.SECONDS))
                        .as("the vote did not wait for the rows it names")
                        .isInstanceOf(CastResult.Accepted.class);
                holder.rollback();
            }
            assertThat(v.arena.storage().votes().all()).hasSize(1);
        }
    }

    @Test
    void verify_reports_a_battle_or_vote_on_postgresql_that_names_a_task_submission_or_model_not_stored() {
        try (Voting v = Voting.demoOnly(Store.POSTGRES, tmp).publish()) {
            Jdbi jdbi = v.arena.storage().database().jdbi();
            assertThat(v.arena.storage().verifier().run().problems()).noneMatch(p -> p.contains("names a missing"));
            jdbi.useHandle(h -> {
                h.execute("INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at)"
                        + " VALUES ('lost-battle', 'no-such-task', 'no-left', 'no-right', 'v', 0)");
                h.execute("INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor,"
                        + " cast_at, simulated) SELECT 'lost-vote', 'lost-battle', id, 'no-such-model', 'demo-grid',"
                        + " 'left', 'v', 0, 0 FROM tasks LIMIT 1");
            });
            List<String> problems = v.arena.storage().verifier().run().problems();
            assertThat(problems)
                    .anyMatch(p -> p.startsWith("battle lost-battle names a missing task no-such-task"))
                    .anyMatch(p -> p.startsWith("vote lost-vote names a missing model no-such-model"));
            assertThat(v.arena.storage().verifier().run().ok()).isFalse();
        }
    }

    @Test
    void sqlite_keeps_its_foreign_keys_on_battles() {
        try (Voting v = Voting.demoOnly(Store.SQLITE, tmp).publish()) {
            Jdbi jdbi = v.arena.storage().database().jdbi();
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                            "INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at)"
                                    + " VALUES ('lost-battle', 'no-such-task', 'no-left', 'no-right', 'v', 0)")))
                    .hasStackTraceContaining("FOREIGN KEY");
            assertThat(v.arena.storage().verifier().run().problems()).noneMatch(p -> p.contains("names a missing"));
        }
    }
}
