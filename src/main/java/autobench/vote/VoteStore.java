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

    /** Visitor ids of simulated visitors (the demo's) start with this; their votes are labelled as simulated. */
    public static final String SIMULATED_VISITOR_PREFIX = "simulated:";

    /** One vote as the public export shows it: no visitor, no address. */
    public record Exported(String id, String taskId, String leftModel, String rightModel, Outcome outcome, String category,
                           LocalDate day, long castAt, boolean demo, boolean simulated) {}

    /** Every vote for the public export, oldest first. */
    public List<Exported> export() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT v.id, v.task_id, v.left_model, v.right_model, v.outcome, t.category, t.day, v.cast_at,
                       CASE WHEN lm.demo = 1 OR rm.demo = 1 THEN 1 ELSE 0 END AS demo,
                       CASE WHEN v.visitor LIKE 'simulated:%' THEN 1 ELSE 0 END AS simulated
                FROM votes v JOIN tasks t ON t.id = v.task_id
                  JOIN models lm ON lm.id = v.left_model JOIN models rm ON rm.id = v.right_model
                ORDER BY v.cast_at, v.id""")
                .map((rs, c) -> new Exported(rs.getString("id"), rs.getString("task_id"), rs.getString("left_model"),
                        rs.getString("right_model"), Outcome.parse(rs.getString("outcome")), rs.getString("category"),
                        LocalDate.parse(rs.getString("day")), rs.getLong("cast_at"), rs.getInt("demo") == 1, rs.getInt("simulated") == 1))
                .list());
    }

    /** Number of votes; votes are never updated or deleted, so this is part of the site's data version. */
    public long count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes").mapTo(Long.class).one());
    }
}
