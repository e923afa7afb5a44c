package autobench.vote;

import autobench.WireName;
import autobench.db.Database;
import autobench.db.Dialect;
import autobench.db.Ids;
import autobench.rating.Outcome;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Owner of the {@code battles}, {@code votes}, {@code vote_tallies}, {@code pair_counts} and
 * {@code server_secrets} tables. A battle is issued to one visitor for two submissions of one task; a vote references its
 * battle UNIQUEly, so a battle is voted on once. Web handlers go through {@link Battles}, which
 * adds the sealed ticket, the timing and the caps; the plain {@link #issueBattle} and {@link #vote} are for
 * imports and tests.
 */
public final class VoteStore {
    private final Database db;
    /**
     * The task, model and demo flag of submissions votes named lately: they never change once written, so
     * a vote on answers already seen reads nothing before its transaction. Bounded: past
     * {@link #KNOWN_SIDES} entries it starts over.
     */
    private final Map<String, Side> knownSides = new ConcurrentHashMap<>();

    private static final int KNOWN_SIDES = 10_000;

    public VoteStore(Database db) {
        this.db = db;
    }

    /**
     * One stored vote with what the leaderboard slices by.
     *
     * @param category the task's category
     * @param day      the arena day the task belongs to
     * @param demo      whether either model is a demo model (such votes never mix with real ones by default)
     * @param simulated cast by the demo's simulated visitors, not by a person; always a demo vote too
     */
    public record StoredVote(
            String leftModel,
            String rightModel,
            Outcome outcome,
            String category,
            LocalDate day,
            long castAt,
            boolean demo,
            boolean simulated) {}

    /**
     * Battles and votes that name a task, submission or model that is not stored, at most 20, described for
     * people. On PostgreSQL no foreign key guards these references (migration V17: their checks share-locked the
     * few rows every concurrent vote pointed at); the vote's own check and the fact that tasks, submissions and
     * models are never deleted keep them whole, and {@code autobench verify} reports any that is not.
     */
    public List<String> danglingReferences() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT 'battle ' || b.id || ' names a missing ' || CASE
                           WHEN t.id IS NULL THEN 'task ' || b.task_id
                           WHEN l.id IS NULL THEN 'submission ' || b.left_submission
                           ELSE 'submission ' || b.right_submission END
                FROM battles b
                LEFT JOIN tasks t ON t.id = b.task_id
                LEFT JOIN submissions l ON l.id = b.left_submission
                LEFT JOIN submissions r ON r.id = b.right_submission
                WHERE t.id IS NULL OR l.id IS NULL OR r.id IS NULL
                UNION ALL
                SELECT 'vote ' || v.id || ' names a missing ' || CASE
                           WHEN t.id IS NULL THEN 'task ' || v.task_id
                           WHEN lm.id IS NULL THEN 'model ' || v.left_model
                           ELSE 'model ' || v.right_model END
                FROM votes v
                LEFT JOIN tasks t ON t.id = v.task_id
                LEFT JOIN models lm ON lm.id = v.left_model
                LEFT JOIN models rm ON rm.id = v.right_model
                WHERE t.id IS NULL OR lm.id IS NULL OR rm.id IS NULL
                LIMIT 20""").mapTo(String.class).list());
    }

    /** Issues a battle for two submissions of one task to a visitor; returns its id. */
    public String issueBattle(String taskId, String leftSubmission, String rightSubmission, String visitor, long now) {
        String id = Ids.newId();
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at)
                VALUES (:id, :task, :l, :r, :visitor, :now)""")
                        .bind("id", id)
                        .bind("task", taskId)
                        .bind("l", leftSubmission)
                        .bind("r", rightSubmission)
                        .bind("visitor", visitor)
                        .bind("now", now)
                        .execute());
        return id;
    }

    /**
     * Records the vote of a battle, once: the battle must be unused and belong to this visitor.
     *
     * @return false if the battle was already used, is unknown, or belongs to someone else
     */
    public boolean vote(String battleId, String visitor, Outcome outcome, String addressHash, long now) {
        return db.jdbi().inTransaction(h -> {
            int used = h.createUpdate(
                            "UPDATE battles SET used_at = :now WHERE id = :id AND visitor = :v AND used_at IS NULL")
                    .bind("now", now)
                    .bind("id", battleId)
                    .bind("v", visitor)
                    .execute();
            if (used != 1) return false;
            int n = h.createUpdate("""
                    INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, cast_at)
                    SELECT :id, b.id, b.task_id, ls.model_id, rs.model_id, :outcome, :v, :addr, :now
                    FROM battles b JOIN submissions ls ON ls.id = b.left_submission JOIN submissions rs ON rs.id = b.right_submission
                    WHERE b.id = :battle
                    ON CONFLICT (battle_id) DO NOTHING""")
                    .bind("id", Ids.newId())
                    .bind("outcome", outcome.wireName())
                    .bind("v", visitor)
                    .bind("addr", addressHash)
                    .bind("now", now)
                    .bind("battle", battleId)
                    .execute();
            if (n != 1) return false;
            var models = h.createQuery("SELECT left_model, right_model FROM votes WHERE battle_id = :battle")
                    .bind("battle", battleId)
                    .map((rs, c) -> List.of(rs.getString("left_model"), rs.getString("right_model")))
                    .one();
            raisePairCount(h, models.get(0), models.get(1), battleId);
            return true;
        });
    }

    /**
     * Streams the votes on tasks whose day lies in [from, to], cast before {@code before}, in the
     * order {@link #all} gives them (the order the ratings read). Each row: id, task_id, left_model,
     * right_model, outcome, visitor, cast_at, category, day, demo (0/1), simulated (0/1). The address
     * hash is not read.
     */
    public void exportRows(String from, String to, long before, Consumer<Map<String, Object>> sink) {
        db.streamRows("""
                SELECT v.id, v.task_id, v.left_model, v.right_model, v.outcome, v.visitor, v.cast_at, t.category, t.day,
                       CASE WHEN lm.demo = 1 OR rm.demo = 1 THEN 1 ELSE 0 END AS demo, v.simulated
                FROM votes v JOIN tasks t ON t.id = v.task_id
                  JOIN models lm ON lm.id = v.left_model JOIN models rm ON rm.id = v.right_model
                WHERE t.day >= :from AND t.day <= :to AND v.cast_at < :before AND v.voided_at IS NULL
                ORDER BY v.cast_at, v.id""", Map.of("from", from, "to", to, "before", before), sink);
    }

    /**
     * Inserts exported votes in one transaction, each with the used battle it needs: the battle is
     * rebuilt from the vote (the two submissions of its task by these models, issued and used when
     * the vote was cast). Rows need id, task_id, left_model, right_model, outcome, visitor, cast_at;
     * simulated (0/1) is optional. The rebuilt battle has no expiry: its token is long spent.
     *
     * @throws IllegalStateException if a vote names a model with no submission for its task
     */
    public long importRows(Iterator<Map<String, Object>> rows) {
        return db.jdbi().inTransaction(h -> {
            long n = 0;
            while (rows.hasNext()) {
                var v = rows.next();
                int battles = h.createUpdate("""
                        INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at, used_at)
                        SELECT :battle, ls.task_id, ls.id, rs.id, :visitor, :cast, :cast
                        FROM submissions ls JOIN submissions rs ON rs.task_id = ls.task_id
                        WHERE ls.task_id = :task AND ls.model_id = :left AND rs.model_id = :right""")
                        .bind("battle", "imported-" + v.get("id"))
                        .bind("visitor", v.get("visitor"))
                        .bind("cast", v.get("cast_at"))
                        .bind("task", v.get("task_id"))
                        .bind("left", v.get("left_model"))
                        .bind("right", v.get("right_model"))
                        .execute();
                if (battles != 1) {
                    throw new IllegalStateException("vote " + v.get("id") + ": task " + v.get("task_id")
                            + " has no submissions by " + v.get("left_model") + " and " + v.get("right_model"));
                }
                n += h.createUpdate("""
                        INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, cast_at, simulated)
                        VALUES (:id, :battle, :task, :left, :right, :outcome, :visitor, NULL, :cast, :simulated)""")
                        .bind("id", v.get("id"))
                        .bind("battle", "imported-" + v.get("id"))
                        .bind("task", v.get("task_id"))
                        .bind("left", v.get("left_model"))
                        .bind("right", v.get("right_model"))
                        .bind(
                                "outcome",
                                WireName.parse(Outcome.class, String.valueOf(v.get("outcome")))
                                        .wireName())
                        .bind("visitor", v.get("visitor"))
                        .bind("cast", v.get("cast_at"))
                        .bind("simulated", v.get("simulated") instanceof Number x && x.intValue() == 1 ? 1 : 0)
                        .execute();
                raisePairCount(
                        h,
                        String.valueOf(v.get("left_model")),
                        String.valueOf(v.get("right_model")),
                        String.valueOf(v.get("id")));
            }
            return n;
        });
    }

    /** Battles plus votes: zero only in a database nobody has voted in (or been issued a battle). */
    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM battles) + (SELECT COUNT(*) FROM votes)")
                        .mapTo(Long.class)
                        .one());
    }

    /** Every vote, oldest first, with its task's category and day and whether a demo model took part. */
    public List<StoredVote> all() {
        return export().stream().map(Exported::stored).toList();
    }

    // ---- What Battles needs: the secret, the answers to choose from, the one-time cast. ----

    /**
     * The named secret, created by the first process that asks. Racing processes each try to insert
     * their own fresh value; ON CONFLICT keeps the first, and everyone reads back that one.
     */
    byte[] secret(String name, Supplier<byte[]> fresh, long now) {
        return db.jdbi().inTransaction(h -> {
            h.createUpdate(
                            "INSERT INTO server_secrets (name, secret_hex, created_at) VALUES (:n, :s, :now) ON CONFLICT (name) DO NOTHING")
                    .bind("n", name)
                    .bind("s", HexFormat.of().formatHex(fresh.get()))
                    .bind("now", now)
                    .execute();
            return HexFormat.of()
                    .parseHex(h.createQuery("SELECT secret_hex FROM server_secrets WHERE name = :n")
                            .bind("n", name)
                            .mapTo(String.class)
                            .one());
        });
    }

    /**
     * The key that orders a blind task's answers under their labels (Answer A, B, …): secret, so the
     * order cannot be derived from ids, and stored, so every process and restart shows the same labels.
     */
    public byte[] labelKey(long now) {
        return secret(
                "answer-labels",
                () -> {
                    byte[] b = new byte[32];
                    new SecureRandom().nextBytes(b);
                    return b;
                },
                now);
    }

    /** One vote as its own visitor sees it on their page: which models were where, which side they chose. */
    public record VisitorVote(
            String taskId,
            String leftModel,
            String rightModel,
            Outcome outcome,
            LocalDate day,
            long castAt,
            boolean voided) {}

    /** A visitor's own votes, newest first (at most {@code limit}). */
    public List<VisitorVote> ofVisitor(String visitor, int limit) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT v.task_id, v.left_model, v.right_model, v.outcome, t.day, v.cast_at, v.voided_at
                FROM votes v JOIN tasks t ON t.id = v.task_id WHERE v.visitor = :v ORDER BY v.cast_at DESC, v.id LIMIT :limit""")
                        .bind("v", visitor)
                        .bind("limit", limit)
                        .map((rs, c) -> new VisitorVote(
                                rs.getString("task_id"),
                                rs.getString("left_model"),
                                rs.getString("right_model"),
                                WireName.parse(Outcome.class, rs.getString("outcome")),
                                LocalDate.parse(rs.getString("day")),
                                rs.getLong("cast_at"),
                                rs.getObject("voided_at") != null))
                        .list());
    }

    /** An answer that may appear in a battle. */
    record Answer(String taskId, String submissionId, String modelId, boolean demo) {}

    /**
     * Answers that can be shown in a battle: of published tasks, succeeded, and rendered (a render
     * the renderer itself failed has nothing to show; a page that threw or stayed blank does, and
     * losing with it is fair). Ordered, so that a seeded choice among them is reproducible.
     *
     * @param day only this arena day, or null for every day
     */
    List<Answer> answers(LocalDate day) {
        return answers(day, null);
    }

    /** @param revealedThrough leave out tasks of this day and earlier (revealed, so no longer blind), or null */
    List<Answer> answers(LocalDate day, LocalDate revealedThrough) {
        String sql = """
                SELECT t.id AS task_id, s.id AS submission_id, s.model_id, m.demo
                FROM tasks t JOIN submissions s ON s.task_id = t.id
                  JOIN render_results r ON r.submission_id = s.id JOIN models m ON m.id = s.model_id
                WHERE t.status = 'published' AND s.status = 'succeeded' AND r.status = 'done' AND r.result <> 'render_failed'
                """ + (day == null ? "" : " AND t.day = :day")
                + (revealedThrough == null ? "" : " AND t.day > :through") + HIDDEN_ANSWERS
                + " ORDER BY t.day, t.slot, s.model_id";
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            if (day != null) q.bind("day", day.toString());
            if (revealedThrough != null) q.bind("through", revealedThrough.toString());
            return q.map((rs, c) -> new Answer(
                            rs.getString("task_id"),
                            rs.getString("submission_id"),
                            rs.getString("model_id"),
                            rs.getInt("demo") == 1))
                    .list();
        });
    }

    /** An answer an operator has hidden never appears in a new battle (battles already issued may still be voted on). */
    private static final String HIDDEN_ANSWERS = " AND s.hidden = 0";

    /** Votes one model pair has had, for balancing; the order of the two models means nothing. */
    record PairCount(String leftModel, String rightModel, long battles) {}

    /**
     * Votes per model pair, from the counter table every vote raises (V8): at most {@link #PAIR_SHARDS} rows
     * per pair (V15), so this costs the same at ten votes and at ten million. Voided votes still count: balancing is about which
     * pairs were shown, not about which votes the leaderboard keeps.
     */
    List<PairCount> pairCounts() {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT model_a, model_b, SUM(votes) AS votes FROM pair_counts GROUP BY model_a, model_b")
                        .map((rs, c) ->
                                new PairCount(rs.getString("model_a"), rs.getString("model_b"), rs.getLong("votes")))
                        .list());
    }

    /** Simulated votes on tasks of this arena day: a day that has some was already simulated. */
    long simulatedVotesOn(LocalDate day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM votes v JOIN tasks t ON t.id = v.task_id WHERE v.simulated = 1 AND t.day = :day")
                        .bind("day", day.toString())
                        .mapTo(Long.class)
                        .one());
    }

    /**
     * One vote through an opened ticket.
     *
     * @param battleId    the ticket's id: it becomes the battle row's primary key, so a ticket votes once
     * @param addressHash the keyed hash of the full address (kept for the operator, never counted)
     * @param networkHash the keyed hash of the address's network: what the network cap counts
     * @param day         the arena day of {@code now}: the caps count per day
     */
    record Ballot(
            String battleId,
            String visitor,
            String taskId,
            String leftSubmission,
            String rightSubmission,
            long issuedAt,
            long expiresAt,
            Outcome outcome,
            String addressHash,
            String networkHash,
            LocalDate day,
            long now,
            boolean simulated,
            VoteSettings caps) {}

    /**
     * Stores the ballot once, or refuses it and changes nothing: all writes run in one transaction
     * and a refusal rolls it back. Exactly-once rests on the battle row: its id is the ticket's id
     * (primary key, INSERT … ON CONFLICT DO NOTHING), so of two racing casts of one ticket, in one
     * process or many, one stores and the other is refused as a replay, on either database. Every
     * statement is a point read or write on a primary key or unique index; the two sides are read before the
     * transaction (once per submission: then remembered), which holds only writes.
     */
    CastResult cast(Ballot b) {
        try {
            // The two sides are read before the write transaction: a submission's task and model never change, and
            // on SQLite every statement inside the transaction is time the other votes wait for the one writer.
            Side left = knownSides.get(b.leftSubmission()), right = knownSides.get(b.rightSubmission());
            if (left == null || right == null) {
                Map<String, Side> read = db.jdbi().withHandle(h -> sides(h, b.leftSubmission(), b.rightSubmission()));
                if (knownSides.size() + read.size() > KNOWN_SIDES) knownSides.clear();
                knownSides.putAll(read);
                left = read.get(b.leftSubmission());
                right = read.get(b.rightSubmission());
            }
            Side l = left, r = right;
            if (db.dialect() == Dialect.POSTGRES) return castInOneCall(b, l, r);
            return db.inWriteTransaction(h -> castInside(h, b, l, r));
        } catch (Refused r) {
            return new CastResult.Refused(r.reason, r.reason.message());
        }
    }

    private record Side(String taskId, String modelId, boolean demo) {}

    /** Refuses a ticket whose two answers are not of its task; a simulated visitor votes on demo models only. */
    private static void check(Ballot b, Side left, Side right) {
        if (left == null
                || right == null
                || !left.taskId().equals(b.taskId())
                || !right.taskId().equals(b.taskId())) {
            throw new Refused(Refusal.UNKNOWN_BATTLE);
        }
        boolean demo = left.demo() && right.demo();
        if (b.simulated() && !demo) {
            throw new IllegalStateException(
                    "a simulated visitor was given a battle with a real model: " + b.battleId());
        }
    }

    /**
     * The SQLite path: one statement per write, in the transaction that holds the one writer's lock
     * (SQLite has no INSERT inside WITH). Each refusal throws, and the rollback takes back what came before it.
     */
    private CastResult castInside(Handle h, Ballot b, Side left, Side right) {
        check(b, left, right);
        Map<String, Object> p = parameters(b, left, right);
        int taken = h.createUpdate("""
                INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at, expires_at, used_at)
                VALUES (:battle, :task, :ls, :rs, :visitor, :issued, :expires, :now)
                ON CONFLICT (id) DO NOTHING""").bindMap(p).execute();
        if (taken != 1) throw new Refused(Refusal.REPLAYED); // this ticket voted before, here or in another process
        // One more vote for the visitor and for its network on the ballot's day, each unless its cap is reached, in
        // one statement; it returns the scopes raised (a scope missing is at its cap). The transaction holds SQLite's
        // write lock, so two racing votes cannot both take the last place.
        List<String> raised = h.createQuery("""
                INSERT INTO vote_tallies (scope, subject, day, votes)
                VALUES ('visitor', :visitor, :day, 1), ('network', :network, :day, 1)
                ON CONFLICT (scope, subject, day) DO UPDATE SET votes = vote_tallies.votes + 1
                WHERE vote_tallies.votes < CASE vote_tallies.scope WHEN 'visitor' THEN :visitorCap ELSE :networkCap END
                RETURNING scope""").bindMap(p).mapTo(String.class).list();
        if (!raised.contains("visitor")) throw new Refused(Refusal.OVER_VISITOR_CAP);
        if (!raised.contains("network")) throw new Refused(Refusal.OVER_NETWORK_CAP);
        int stored = h.createUpdate("""
                INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, network_hash,
                                   cast_at, simulated)
                VALUES (:vote, :battle, :task, :lm, :rm, :outcome, :visitor, :address, :network, :now, :simulated)
                ON CONFLICT (battle_id) DO NOTHING""").bindMap(p).execute();
        if (stored != 1) throw new Refused(Refusal.REPLAYED);
        raisePairCount(h, left.modelId(), right.modelId(), b.battleId());
        return new CastResult.Accepted(b.taskId(), left.modelId(), right.modelId(), b.outcome());
    }

    /**
     * Everything a vote writes, by the names both paths use: SQLite's statements ({@link #castInside}) and the
     * arguments of PostgreSQL's {@code autobench_cast_vote} ({@link #castInOneCall}) read the same map, so the two
     * cannot bind a value differently. The vote's own id is made here, once.
     */
    private static Map<String, Object> parameters(Ballot b, Side left, Side right) {
        boolean inOrder = left.modelId().compareTo(right.modelId()) <= 0;
        Map<String, Object> p = new HashMap<>();
        p.put("battle", b.battleId());
        p.put("task", b.taskId());
        p.put("ls", b.leftSubmission());
        p.put("rs", b.rightSubmission());
        p.put("visitor", b.visitor());
        p.put("issued", b.issuedAt());
        p.put("expires", b.expiresAt());
        p.put("now", b.now());
        p.put("day", b.day().toString());
        p.put("network", b.networkHash());
        p.put("address", b.addressHash());
        p.put("visitorCap", b.caps().visitorCapPerDay());
        p.put("networkCap", b.caps().networkCapPerDay());
        p.put("vote", Ids.newId());
        p.put("lm", left.modelId());
        p.put("rm", right.modelId());
        p.put("outcome", b.outcome().wireName());
        p.put("simulated", b.simulated() ? 1 : 0);
        p.put("a", inOrder ? left.modelId() : right.modelId()); // the pair in the order of its counter's key
        p.put("b", inOrder ? right.modelId() : left.modelId());
        p.put("shard", pairShard(b.battleId()));
        return p;
    }

    /**
     * The PostgreSQL path: the same four writes as {@link #castInside}, in the same order and under the same
     * conditions, made by one call of the function {@code autobench_cast_vote} (migration V16) in its own
     * transaction. Sent one by one, each row a write locked stayed locked until this process's COMMIT
     * arrived; under load every vote on the same pair then waited behind a process waiting for a core (lock
     * waits of up to half a second in {@code bench/load.sh}). In one call the locks last as long as the
     * server takes to run it, and a vote is one round trip. A refusal is undone inside the function (its
     * writes run in a block whose handler rolls them back) and returned as a word, so nothing is written
     * and nothing is logged as an error.
     *
     * <p>The vote's commit returns once it is in the server's write-ahead log buffers, not once the log is
     * on disk: the server's WAL writer flushes it within 200 ms ({@code wal_writer_delay}). The same promise as
     * SQLite's {@code synchronous=NORMAL}: a crash of any AutoBench process loses no accepted vote; a power cut
     * or a crash of the database server itself may lose the votes of the last fraction of a second (at most
     * three times {@code wal_writer_delay}), never corrupt anything. For this transaction only (the function
     * sets {@code synchronous_commit} with {@code set_config(…, true)}): model calls and everything else commit
     * synchronously. Waiting for the disk put the vote path's p99 at 180-300 ms under 150 votes a second on this
     * machine (docs/reliability.md).
     */
    private CastResult castInOneCall(Ballot b, Side left, Side right) {
        check(b, left, right);
        Map<String, Object> p = parameters(b, left, right);
        String outcome = db.jdbi()
                .withHandle(
                        h -> h.createQuery("""
                        SELECT autobench_cast_vote(:battle, :task, :ls, :rs, :visitor, :issued, :expires, :now, :day,
                                                   :network, :address, :visitorCap, :networkCap, :vote, :lm, :rm,
                                                   :outcome, :simulated, :a, :b, :shard)""").bindMap(p).mapTo(String.class).one());
        return switch (outcome) {
            case "accepted" -> new CastResult.Accepted(b.taskId(), left.modelId(), right.modelId(), b.outcome());
            case "replayed" -> throw new Refused(Refusal.REPLAYED);
            case "over_visitor_cap" -> throw new Refused(Refusal.OVER_VISITOR_CAP);
            case "over_network_cap" -> throw new Refused(Refusal.OVER_NETWORK_CAP);
            default -> throw new IllegalStateException("autobench_cast_vote answered " + outcome);
        };
    }

    /** Both sides of a battle with one query (a round trip fewer per vote on PostgreSQL), by submission id. */
    private static Map<String, Side> sides(Handle h, String left, String right) {
        Map<String, Side> sides = new HashMap<>();
        h.createQuery("SELECT s.id, s.task_id, s.model_id, m.demo FROM submissions s JOIN models m ON m.id = s.model_id"
                        + " WHERE s.id IN (:l, :r)")
                .bind("l", left)
                .bind("r", right)
                .map((rs, c) -> Map.entry(
                        rs.getString("id"),
                        new Side(rs.getString("task_id"), rs.getString("model_id"), rs.getInt("demo") == 1)))
                .forEach(e -> sides.put(e.getKey(), e.getValue()));
        return sides;
    }

    /**
     * Rows each pair's vote count is split over (V15). A vote holds its row's lock until it commits; with one row
     * per pair, every vote on a pair waited for the one before it (on PostgreSQL under load, up to half a second).
     * Sixteen rows make two votes of a pair meet on one row one time in sixteen; a pair's count is their sum.
     */
    static final int PAIR_SHARDS = 16;

    /** The shard a vote raises: any spread will do; the battle (or imported vote) id gives one without a generator. */
    static int pairShard(String id) {
        return Math.floorMod(id.hashCode(), PAIR_SHARDS);
    }

    /** One more vote for the pair, in the pair's id order (the table's primary key), on the shard the id picks. */
    private static void raisePairCount(Handle h, String one, String other, String id) {
        boolean inOrder = one.compareTo(other) <= 0;
        h.createUpdate("""
                INSERT INTO pair_counts (model_a, model_b, shard, votes) VALUES (:a, :b, :shard, 1)
                ON CONFLICT (model_a, model_b, shard) DO UPDATE SET votes = pair_counts.votes + 1""")
                .bind("a", inOrder ? one : other)
                .bind("b", inOrder ? other : one)
                .bind("shard", pairShard(id))
                .execute();
    }

    /** getLong and wasNull, since getObject(column, Long.class) is not supported the same way by both drivers. */
    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Unwinds the vote's transaction; never leaves this class. */
    private static final class Refused extends RuntimeException {
        final Refusal reason;

        Refused(Refusal reason) {
            super(reason.name(), null, false, false); // an expected outcome: no stack trace to fill in
            this.reason = reason;
        }
    }

    /** One vote as the public export shows it: no visitor, no address. */
    public record Exported(
            String id,
            String taskId,
            String leftModel,
            String rightModel,
            Outcome outcome,
            String category,
            LocalDate day,
            long castAt,
            boolean demo,
            boolean simulated) {
        /** The vote as the ratings read it. */
        public StoredVote stored() {
            return new StoredVote(leftModel, rightModel, outcome, category, day, castAt, demo, simulated);
        }
    }

    /** Who cast votes, as the operator can act on it: the visitor (cookie) or the network (keyed hash). */
    public enum Source {
        VISITOR("visitor"),
        NETWORK("network_hash");

        private final String column;

        Source(String column) {
            this.column = column;
        }
    }

    /**
     * Operator action: voids every vote of one visitor, or of one network, not voided yet. The rows
     * stay (never deleted), marked with when they were voided, and stop counting in the leaderboard,
     * the snapshots and every export.
     *
     * @return how many votes this voided
     */
    public int voidVotes(Source source, String subject, long now) {
        return db.jdbi()
                .withHandle(h -> h.createUpdate("UPDATE votes SET voided_at = :now WHERE " + source.column
                                + " = :s AND voided_at IS NULL")
                        .bind("now", now)
                        .bind("s", subject)
                        .execute());
    }

    /** Voids every counted vote of one visitor (see {@link #voidVotes}). */
    public int voidVisitor(String visitor, long now) {
        return voidVotes(Source.VISITOR, visitor, now);
    }

    /**
     * A visitor's or network's votes: counted ones and voided ones.
     *
     * @param firstCountedAt when the earliest counted vote was cast, or null when none counts
     */
    public record VisitorVotes(long counted, long voided, Long firstCountedAt) {}

    public VisitorVotes votesOf(String visitor) {
        return votesOf(Source.VISITOR, visitor);
    }

    public VisitorVotes votesOf(Source source, String subject) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT COALESCE(SUM(CASE WHEN voided_at IS NULL THEN 1 ELSE 0 END), 0) AS c,
                       COALESCE(SUM(CASE WHEN voided_at IS NULL THEN 0 ELSE 1 END), 0) AS x,
                       MIN(CASE WHEN voided_at IS NULL THEN cast_at END) AS f
                FROM votes WHERE\s""" + source.column + " = :s")
                        .bind("s", subject)
                        .map((rs, c) -> new VisitorVotes(rs.getLong("c"), rs.getLong("x"), nullableLong(rs, "f")))
                        .one());
    }

    /**
     * How far one source's votes lean to one model: of its counted votes on battles where {@code modelId}
     * was on one side, how many chose that side. Honest visitors spread their choices; someone stuffing
     * for a model picks it nearly every time it appears, whatever it is up against.
     */
    public record Lean(String modelId, long withModel, long choseModel) {
        public double share() {
            return withModel == 0 ? 0 : (double) choseModel / withModel;
        }
    }

    /**
     * A visitor or network and its counted votes (people's only; simulated votes are left out).
     *
     * @param others  distinct networks of a visitor, or distinct visitors of a network
     * @param lean    the model its votes favour most (highest share over at least {@link #LEAN_MIN_VOTES}
     *                votes with that model), or null when no model appeared that often
     */
    public record VoteSource(String subject, long votes, long others, long lastCastAt, Lean lean) {}

    /** Fewer votes with a model than this say nothing about leaning. */
    static final int LEAN_MIN_VOTES = 5;

    /** The visitors or networks with the most counted votes, most first, each with its lean. */
    public List<VoteSource> topSources(Source source, int limit) {
        String other = source == Source.VISITOR ? Source.NETWORK.column : Source.VISITOR.column;
        return db.jdbi().withHandle(h -> {
            var rows = h.createQuery(
                            "SELECT " + source.column + " AS s, COUNT(*) AS n, COUNT(DISTINCT " + other + ") AS o, "
                                    + "MAX(cast_at) AS last FROM votes WHERE voided_at IS NULL AND simulated = 0 AND "
                                    + source.column
                                    + " IS NOT NULL GROUP BY " + source.column + " ORDER BY n DESC, s LIMIT :limit")
                    .bind("limit", limit)
                    .map((rs, c) -> new VoteSource(
                            rs.getString("s"), rs.getLong("n"), rs.getLong("o"), rs.getLong("last"), null))
                    .list();
            if (rows.isEmpty()) return rows;
            Map<String, Lean> leans = new HashMap<>();
            h.createQuery("""
                    SELECT s, model, COUNT(*) AS n, SUM(chose) AS chose FROM (
                      SELECT <col> AS s, left_model AS model, CASE WHEN outcome = 'left' THEN 1 ELSE 0 END AS chose
                      FROM votes WHERE voided_at IS NULL AND simulated = 0 AND <col> IN (<subjects>)
                      UNION ALL
                      SELECT <col> AS s, right_model AS model, CASE WHEN outcome = 'right' THEN 1 ELSE 0 END AS chose
                      FROM votes WHERE voided_at IS NULL AND simulated = 0 AND <col> IN (<subjects>)
                    ) sides GROUP BY s, model ORDER BY s, model""")
                    .define("col", source.column)
                    .bindList("subjects", rows.stream().map(VoteSource::subject).toList())
                    .map((rs, c) -> Map.entry(
                            rs.getString("s"), new Lean(rs.getString("model"), rs.getLong("n"), rs.getLong("chose"))))
                    .forEach(e -> {
                        Lean l = e.getValue();
                        if (l.withModel() < LEAN_MIN_VOTES) return;
                        leans.merge(e.getKey(), l, (a, b) -> b.share() > a.share() ? b : a);
                    });
            return rows.stream()
                    .map(r ->
                            new VoteSource(r.subject(), r.votes(), r.others(), r.lastCastAt(), leans.get(r.subject())))
                    .toList();
        });
    }

    /** The visitors with the most counted votes, most first. */
    public List<VoteSource> topVisitors(int limit) {
        return topSources(Source.VISITOR, limit);
    }

    /** Votes voided so far: part of the site's data version (voiding changes the leaderboard). */
    public long voidedCount() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes WHERE voided_at IS NOT NULL")
                        .mapTo(Long.class)
                        .one());
    }

    /** Every vote for the public export, oldest first. */
    public List<Exported> export() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT v.id, v.task_id, v.left_model, v.right_model, v.outcome, t.category, t.day, v.cast_at,
                       CASE WHEN lm.demo = 1 OR rm.demo = 1 THEN 1 ELSE 0 END AS demo,
                       v.simulated
                FROM votes v JOIN tasks t ON t.id = v.task_id
                  JOIN models lm ON lm.id = v.left_model JOIN models rm ON rm.id = v.right_model
                WHERE v.voided_at IS NULL
                ORDER BY v.cast_at, v.id""")
                        .map((rs, c) -> new Exported(
                                rs.getString("id"),
                                rs.getString("task_id"),
                                rs.getString("left_model"),
                                rs.getString("right_model"),
                                WireName.parse(Outcome.class, rs.getString("outcome")),
                                rs.getString("category"),
                                LocalDate.parse(rs.getString("day")),
                                rs.getLong("cast_at"),
                                rs.getInt("demo") == 1,
                                rs.getInt("simulated") == 1))
                        .list());
    }

    /** Number of votes; votes are never updated or deleted, so this is part of the site's data version. */
    public long voteCount() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes")
                        .mapTo(Long.class)
                        .one());
    }
}
