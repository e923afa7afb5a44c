package autobench.vote;

import autobench.db.Database;
import autobench.db.Ids;
import autobench.rating.Outcome;
import java.time.LocalDate;
import java.util.List;

/**
 * Owner of the {@code battles} and {@code votes} tables. A battle is issued to one visitor for two
 * submissions of one task; a vote references its battle UNIQUEly, so a battle is voted on once.
 */
public final class VoteStore {
    private final Database db;

    public VoteStore(Database db) {
        this.db = db;
    }

    /**
     * One stored vote with what the leaderboard slices by.
     *
     * @param category the task's category
     * @param day      the arena day the task belongs to
     * @param demo     whether either model is a demo model (such votes never mix with real ones by default)
     */
    public record StoredVote(String leftModel, String rightModel, Outcome outcome, String category, LocalDate day,
                             long castAt, boolean demo) {}

    /** Issues a battle for two submissions of one task to a visitor; returns its id. */
    public String issueBattle(String taskId, String leftSubmission, String rightSubmission, String visitor, long now) {
        String id = Ids.newId();
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at)
                VALUES (:id, :task, :l, :r, :visitor, :now)""")
                .bind("id", id).bind("task", taskId).bind("l", leftSubmission).bind("r", rightSubmission)
                .bind("visitor", visitor).bind("now", now).execute());
        return id;
    }

    /**
     * Records the vote of a battle, once: the battle must be unused and belong to this visitor.
     *
     * @return false if the battle was already used, is unknown, or belongs to someone else
     */
    public boolean vote(String battleId, String visitor, Outcome outcome, String addressHash, long now) {
        return db.jdbi().inTransaction(h -> {
            int used = h.createUpdate("UPDATE battles SET used_at = :now WHERE id = :id AND visitor = :v AND used_at IS NULL")
                    .bind("now", now).bind("id", battleId).bind("v", visitor).execute();
            if (used != 1) return false;
            int n = h.createUpdate("""
                    INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, cast_at)
                    SELECT :id, b.id, b.task_id, ls.model_id, rs.model_id, :outcome, :v, :addr, :now
                    FROM battles b JOIN submissions ls ON ls.id = b.left_submission JOIN submissions rs ON rs.id = b.right_submission
                    WHERE b.id = :battle
                    ON CONFLICT (battle_id) DO NOTHING""")
                    .bind("id", Ids.newId()).bind("outcome", outcome.wireName()).bind("v", visitor).bind("addr", addressHash)
                    .bind("now", now).bind("battle", battleId).execute();
            return n == 1;
        });
    }

    /**
     * Streams the votes on tasks whose day lies in [from, to], cast before {@code before}, in the
     * order {@link #all} gives them (the order the ratings read). Each row: id, task_id, left_model,
     * right_model, outcome, visitor, cast_at, category, day, demo (0/1). The address hash is not read.
     */
    public void exportRows(String from, String to, long before, java.util.function.Consumer<java.util.Map<String, Object>> sink) {
        db.streamRows("""
                SELECT v.id, v.task_id, v.left_model, v.right_model, v.outcome, v.visitor, v.cast_at, t.category, t.day,
                       CASE WHEN lm.demo = 1 OR rm.demo = 1 THEN 1 ELSE 0 END AS demo
                FROM votes v JOIN tasks t ON t.id = v.task_id
                  JOIN models lm ON lm.id = v.left_model JOIN models rm ON rm.id = v.right_model
                WHERE t.day >= :from AND t.day <= :to AND v.cast_at < :before
                ORDER BY v.cast_at, v.id""", java.util.Map.of("from", from, "to", to, "before", before), sink);
    }

    /**
     * Inserts exported votes in one transaction, each with the used battle it needs: the battle is
     * rebuilt from the vote (the two submissions of its task by these models, issued and used when
     * the vote was cast). Rows need id, task_id, left_model, right_model, outcome, visitor, cast_at.
     *
     * @throws IllegalStateException if a vote names a model with no submission for its task
     */
    public long importRows(java.util.Iterator<java.util.Map<String, Object>> rows) {
        return db.jdbi().inTransaction(h -> {
            long n = 0;
            while (rows.hasNext()) {
                var v = rows.next();
                int battles = h.createUpdate("""
                        INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at, used_at)
                        SELECT :battle, ls.task_id, ls.id, rs.id, :visitor, :cast, :cast
                        FROM submissions ls JOIN submissions rs ON rs.task_id = ls.task_id
                        WHERE ls.task_id = :task AND ls.model_id = :left AND rs.model_id = :right""")
                        .bind("battle", "imported-" + v.get("id")).bind("visitor", v.get("visitor")).bind("cast", v.get("cast_at"))
                        .bind("task", v.get("task_id")).bind("left", v.get("left_model")).bind("right", v.get("right_model")).execute();
                if (battles != 1) {
                    throw new IllegalStateException("vote " + v.get("id") + ": task " + v.get("task_id") + " has no submissions by "
                            + v.get("left_model") + " and " + v.get("right_model"));
                }
                n += h.createUpdate("""
                        INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, cast_at)
                        VALUES (:id, :battle, :task, :left, :right, :outcome, :visitor, NULL, :cast)""")
                        .bind("id", v.get("id")).bind("battle", "imported-" + v.get("id")).bind("task", v.get("task_id"))
                        .bind("left", v.get("left_model")).bind("right", v.get("right_model"))
                        .bind("outcome", Outcome.parse(String.valueOf(v.get("outcome"))).wireName())
                        .bind("visitor", v.get("visitor")).bind("cast", v.get("cast_at")).execute();
            }
            return n;
        });
    }

    /** Battles plus votes: zero only in a database nobody has voted in (or been issued a battle). */
    public long count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM battles) + (SELECT COUNT(*) FROM votes)")
                .mapTo(Long.class).one());
    }

    /** Every vote, oldest first, with its task's category and day and whether a demo model took part. */
    public List<StoredVote> all() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT v.left_model, v.right_model, v.outcome, t.category, t.day, v.cast_at,
                       CASE WHEN lm.demo = 1 OR rm.demo = 1 THEN 1 ELSE 0 END AS demo
                FROM votes v JOIN tasks t ON t.id = v.task_id
                  JOIN models lm ON lm.id = v.left_model JOIN models rm ON rm.id = v.right_model
                ORDER BY v.cast_at, v.id""")
                .map((rs, c) -> new StoredVote(rs.getString("left_model"), rs.getString("right_model"), Outcome.parse(rs.getString("outcome")),
                        rs.getString("category"), LocalDate.parse(rs.getString("day")), rs.getLong("cast_at"), rs.getInt("demo") == 1))
                .list());
    }
}
