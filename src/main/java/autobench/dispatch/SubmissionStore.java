package autobench.dispatch;

import autobench.WireName;
import autobench.db.Database;
import autobench.db.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Owner of the {@code submissions} table. UNIQUE(task_id, model_id) makes "one row per task and
 * model" a constraint; every status change is one conditional UPDATE, so racing processes cannot
 * both win a claim.
 */
public final class SubmissionStore {
    private static final String COLUMNS = "id, task_id, model_id, status, outcome, reason, attempts, code, assists,"
            + " finish_reason, model_version, input_tokens, output_tokens, reasoning_tokens, cost_usd, latency_ms,"
            + " lease_owner, lease_until";
    private final Database db;

    public SubmissionStore(Database db) {
        this.db = db;
    }

    /** Creates the pending row for (task, model) unless it exists; true if this call created it. */
    public boolean createPending(String taskId, String modelId, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                INSERT INTO submissions (id, task_id, model_id, status, attempts, created_at, updated_at)
                VALUES (:id, :task, :model, 'pending', 0, :now, :now)
                ON CONFLICT (task_id, model_id) DO NOTHING""")
                                .bind("id", Ids.newId())
                                .bind("task", taskId)
                                .bind("model", modelId)
                                .bind("now", now)
                                .execute())
                == 1;
    }

    /** Atomically moves a pending row to calling under this owner's lease; false if anyone else got it first. */
    public boolean claim(String id, String owner, long leaseUntil, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE submissions SET status = 'calling', lease_owner = :owner, lease_until = :until, updated_at = :now
                WHERE id = :id AND status = 'pending'""")
                                .bind("owner", owner)
                                .bind("until", leaseUntil)
                                .bind("now", now)
                                .bind("id", id)
                                .execute())
                == 1;
    }

    /** Extends a live claim; false if the claim is no longer ours. */
    public boolean renew(String id, String owner, long leaseUntil) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate(
                                        "UPDATE submissions SET lease_until = :until WHERE id = :id AND lease_owner = :owner AND status = 'calling'")
                                .bind("until", leaseUntil)
                                .bind("id", id)
                                .bind("owner", owner)
                                .execute())
                == 1;
    }

    /** Records that one more request left for this submission. */
    public void countAttempt(String id, String owner) {
        db.jdbi()
                .useHandle(h -> h.createUpdate(
                                "UPDATE submissions SET attempts = attempts + 1 WHERE id = :id AND lease_owner = :owner")
                        .bind("id", id)
                        .bind("owner", owner)
                        .execute());
    }

    /**
     * Writes the terminal result. Allowed from {@code unknown} too (same owner): if our lease was
     * declared dead while the provider was still answering, keeping the answer beats paying twice.
     */
    boolean complete(String id, String owner, SubmissionResult r, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE submissions SET status = :status, outcome = :outcome, reason = :reason, raw_response = :raw,
                  answer = :answer, reasoning = :reasoning, code = :code, assists = :assists, finish_reason = :finish,
                  model_version = :version, input_tokens = :in, output_tokens = :out, reasoning_tokens = :rt,
                  cost_usd = :cost, latency_ms = :latency, lease_until = NULL, updated_at = :now, completed_at = :now
                WHERE id = :id AND lease_owner = :owner AND status IN ('calling', 'unknown')""")
                                .bind("status", r.status().wireName())
                                .bind("outcome", r.outcome().wireName())
                                .bind("reason", r.reason())
                                .bind("raw", r.reply().raw())
                                .bind("answer", r.reply().answer())
                                .bind("reasoning", r.reply().reasoning())
                                .bind("code", r.reply().code())
                                .bind("assists", r.reply().assists())
                                .bind("finish", r.reply().finishReason())
                                .bind("version", r.reply().modelVersion())
                                .bind("in", r.usage().inputTokens())
                                .bind("out", r.usage().outputTokens())
                                .bind("rt", r.usage().reasoningTokens())
                                .bind("cost", r.costUsd())
                                .bind("latency", r.latencyMs())
                                .bind("now", now)
                                .bind("id", id)
                                .bind("owner", owner)
                                .execute())
                == 1;
    }

    /** Declares every claim whose lease ran out {@code unknown}; returns their ids. Never makes them pending. */
    public List<String> expireLeases(long now) {
        return db.jdbi().inTransaction(h -> {
            List<String> ids = h.createQuery(
                            "SELECT id FROM submissions WHERE status = 'calling' AND lease_until < :now")
                    .bind("now", now)
                    .mapTo(String.class)
                    .list();
            List<String> expired = new ArrayList<>();
            for (String id : ids) {
                int n = h.createUpdate("""
                        UPDATE submissions SET status = 'unknown', outcome = 'lease_expired',
                          reason = 'the process holding this call stopped answering before the call finished; the provider may have billed it, so it is not re-sent automatically (see: autobench resend)',
                          updated_at = :now
                        WHERE id = :id AND status = 'calling' AND lease_until < :now""").bind("now", now).bind("id", id).execute();
                if (n == 1) expired.add(id);
            }
            return expired;
        });
    }

    /**
     * Gives a claim back: the process is stopping and nothing of this submission is in flight
     * (it was waiting to retry a refusal), so sending it later cannot pay twice.
     */
    boolean release(String id, String owner, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE submissions SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = :now
                WHERE id = :id AND lease_owner = :owner AND status = 'calling'""")
                                .bind("now", now)
                                .bind("id", id)
                                .bind("owner", owner)
                                .execute())
                == 1;
    }

    /**
     * The process is stopping and its grace period is over while this call is still in flight:
     * the provider may bill it, so the submission is unknown now rather than when the lease ends.
     */
    boolean abandon(String id, String owner, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE submissions SET status = 'unknown', outcome = 'stopped_in_flight',
                  reason = 'the process was stopped while this call was in flight and its grace period ended; the provider may have billed it, so it is not re-sent automatically (see: autobench resend)',
                  updated_at = :now
                WHERE id = :id AND lease_owner = :owner AND status = 'calling'""")
                                .bind("now", now)
                                .bind("id", id)
                                .bind("owner", owner)
                                .execute())
                == 1;
    }

    /** Operator action: puts an unknown or failed submission back to pending so it is sent again. */
    public boolean reopen(String id, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE submissions SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = :now
                WHERE id = :id AND status IN ('unknown', 'failed')""")
                                .bind("now", now)
                                .bind("id", id)
                                .execute())
                == 1;
    }

    public Optional<Submission> byId(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM submissions WHERE id = :id")
                        .bind("id", id)
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    public Optional<Submission> find(String taskId, String modelId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + COLUMNS + " FROM submissions WHERE task_id = :t AND model_id = :m")
                        .bind("t", taskId)
                        .bind("m", modelId)
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    public List<Submission> forTask(String taskId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + COLUMNS + " FROM submissions WHERE task_id = :t ORDER BY model_id")
                        .bind("t", taskId)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    /** The stored code and raw reply of one submission (kept apart from the list views: they are large). */
    public Optional<Map<String, String>> texts(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT raw_response, answer, reasoning, code FROM submissions WHERE id = :id")
                        .bind("id", id)
                        .map((rs, c) -> {
                            Map<String, String> m = new LinkedHashMap<>();
                            m.put("raw_response", rs.getString("raw_response"));
                            m.put("answer", rs.getString("answer"));
                            m.put("reasoning", rs.getString("reasoning"));
                            m.put("code", rs.getString("code"));
                            return m;
                        })
                        .findOne());
    }

    /** (task_id, model_id) pairs stored more than once: must always be empty. */
    public List<String> duplicates() {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT task_id || ' / ' || model_id FROM submissions GROUP BY task_id, model_id HAVING COUNT(*) > 1")
                        .mapTo(String.class)
                        .list());
    }

    /** Submissions per status, overall. */
    public Map<SubmissionStatus, Integer> countsByStatus() {
        Map<SubmissionStatus, Integer> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery(
                                "SELECT status, COUNT(*) AS n FROM submissions GROUP BY status ORDER BY status")
                        .map((rs, c) -> Map.entry(
                                WireName.parse(SubmissionStatus.class, rs.getString("status")), rs.getInt("n")))
                        .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Claims in {@code calling} whose lease has already run out (a dead process not yet reaped). */
    public List<Submission> expiredClaims(long now) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS
                                + " FROM submissions WHERE status = 'calling' AND lease_until < :now")
                        .bind("now", now)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    public List<Submission> withStatus(SubmissionStatus status) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + COLUMNS + " FROM submissions WHERE status = :s ORDER BY created_at")
                        .bind("s", status.wireName())
                        .map((rs, c) -> row(rs))
                        .list());
    }

    /**
     * Records what this claim is about to send, before any request leaves: the provider's model
     * name, temperature, token limit, options and the prompt's hash. Only under our own claim.
     */
    public boolean recordProvenance(String id, String owner, Provenance p) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE submissions SET sent_provider = :provider, sent_model = :model, sent_temperature = :temperature,
                  sent_max_output_tokens = :max, sent_options = :options, prompt_sha256 = :sha
                WHERE id = :id AND lease_owner = :owner AND status = 'calling'""")
                                .bind("provider", p.provider())
                                .bind("model", p.model())
                                .bind("temperature", p.temperature())
                                .bind("max", p.maxOutputTokens())
                                .bind("options", p.options())
                                .bind("sha", p.promptSha256())
                                .bind("id", id)
                                .bind("owner", owner)
                                .execute())
                == 1;
    }

    /** What a submission was sent with; empty if it was never sent (or predates provenance). */
    public Optional<Provenance> provenance(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT sent_provider, sent_model, sent_temperature, sent_max_output_tokens, sent_options, prompt_sha256
                FROM submissions WHERE id = :id AND prompt_sha256 IS NOT NULL""")
                        .bind("id", id)
                        .map((rs, c) -> {
                            double t = rs.getDouble("sent_temperature");
                            Double temperature = rs.wasNull() ? null : t;
                            return new Provenance(
                                    rs.getString("sent_provider"),
                                    rs.getString("sent_model"),
                                    temperature,
                                    rs.getInt("sent_max_output_tokens"),
                                    rs.getString("sent_options"),
                                    rs.getString("prompt_sha256"));
                        })
                        .findOne());
    }

    /** Every column of the table, in the order an export writes them; the import binds the same names. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "id",
            "task_id",
            "model_id",
            "status",
            "outcome",
            "reason",
            "attempts",
            "raw_response",
            "answer",
            "reasoning",
            "code",
            "assists",
            "finish_reason",
            "model_version",
            "input_tokens",
            "output_tokens",
            "reasoning_tokens",
            "cost_usd",
            "latency_ms",
            "created_at",
            "updated_at",
            "completed_at",
            "sent_provider",
            "sent_model",
            "sent_temperature",
            "sent_max_output_tokens",
            "sent_options",
            "prompt_sha256",
            "hidden");

    /**
     * Streams the submissions of tasks whose day lies in [from, to] (ISO dates), created before
     * {@code before}, in a stable order. Leases are left out: they mean nothing in another database.
     */
    public void exportRows(String from, String to, long before, Consumer<Map<String, Object>> sink) {
        db.streamRows(
                "SELECT " + String.join(", ", EXPORT_COLUMNS) + " FROM submissions WHERE created_at < :before"
                        + " AND task_id IN (SELECT id FROM tasks WHERE day >= :from AND day <= :to) ORDER BY created_at, id",
                Map.of("from", from, "to", to, "before", before),
                sink);
    }

    /** Inserts exported rows in one transaction (an import into an empty database). */
    public long importRows(Iterator<Map<String, Object>> rows) {
        // Exports written before answers could be hidden have no "hidden" key: such rows are shown.
        return db.insertRows(
                "INSERT INTO submissions (" + String.join(", ", EXPORT_COLUMNS) + ") VALUES ("
                        + String.join(
                                ", ",
                                EXPORT_COLUMNS.stream()
                                        .map(c -> c.equals("hidden") ? "COALESCE(:hidden, 0)" : ":" + c)
                                        .toList())
                        + ")",
                EXPORT_COLUMNS,
                rows);
    }

    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM submissions")
                        .mapTo(Long.class)
                        .one());
    }

    /** Every submission of one model, newest task first. */
    public List<Submission> forModel(String modelId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + COLUMNS + " FROM submissions WHERE model_id = :m"
                                        + " ORDER BY (SELECT day FROM tasks WHERE tasks.id = submissions.task_id) DESC, created_at")
                        .bind("m", modelId)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    /**
     * Operator action: hides or shows an answer on the public site. The change bumps
     * {@code updated_at}, so the site's data version (and its caches) move.
     *
     * @return whether it was hidden before, or empty if there is no such submission
     */
    public Optional<Boolean> setHidden(String id, boolean hidden, long now) {
        return db.jdbi().inTransaction(h -> {
            Optional<Boolean> before = h.createQuery("SELECT hidden FROM submissions WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .findOne()
                    .map(v -> v == 1);
            if (before.isPresent()) {
                h.createUpdate("UPDATE submissions SET hidden = :h, updated_at = :now WHERE id = :id")
                        .bind("h", hidden ? 1 : 0)
                        .bind("now", Math.max(now, lastChangeIn(h) + 1))
                        .bind("id", id)
                        .execute();
            }
            return before;
        });
    }

    private static long lastChangeIn(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(updated_at), 0) FROM submissions")
                .mapTo(Long.class)
                .one();
    }

    /** Ids of the answers an operator has hidden. */
    public Set<String> hiddenIds() {
        List<String> ids = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM submissions WHERE hidden = 1")
                        .mapTo(String.class)
                        .list());
        return new HashSet<>(ids);
    }

    /** The submissions of tasks of one arena day with this status, oldest first (bulk re-send). */
    public List<Submission> ofDay(LocalDate day, SubmissionStatus status) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM submissions WHERE status = :s"
                                + " AND task_id IN (SELECT id FROM tasks WHERE day = :day) ORDER BY created_at, id")
                        .bind("s", status.wireName())
                        .bind("day", day.toString())
                        .map((rs, c) -> row(rs))
                        .list());
    }

    /**
     * Mean input and output tokens of this model's answered submissions (empty when it has none):
     * what a comparable call used, for a re-send's cost estimate.
     */
    public Optional<double[]> meanTokens(String modelId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT COUNT(*) AS n, AVG(input_tokens) AS i, AVG(output_tokens) AS o FROM submissions
                WHERE model_id = :m AND status = 'succeeded' AND input_tokens IS NOT NULL AND output_tokens IS NOT NULL""")
                        .bind("m", modelId)
                        .map((rs, c) ->
                                rs.getLong("n") == 0 ? null : new double[] {rs.getDouble("i"), rs.getDouble("o")})
                        .findOne()
                        .flatMap(Optional::ofNullable));
    }

    /** The latest change to any submission (epoch ms), 0 when there are none: part of the site's data version. */
    public long lastChange() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COALESCE(MAX(updated_at), 0) FROM submissions")
                        .mapTo(Long.class)
                        .one());
    }

    /** One finished answer as the leaderboard's per-model columns need it. */
    public record Finished(
            String modelId,
            String category,
            LocalDate day,
            SubmissionStatus status,
            String renderResult,
            double costUsd,
            long latencyMs) {}

    /** Every finished submission of a published task, with its task's category and day and its render result. */
    public List<Finished> finishedOfPublishedTasks() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT s.model_id, t.category, t.day, s.status, r.result, s.cost_usd, s.latency_ms
                FROM submissions s JOIN tasks t ON t.id = s.task_id LEFT JOIN render_results r ON r.submission_id = s.id
                WHERE t.status = 'published' AND s.status IN ('succeeded', 'failed', 'unknown') AND s.hidden = 0""")
                        .map((rs, c) -> new Finished(
                                rs.getString(1),
                                rs.getString(2),
                                LocalDate.parse(rs.getString(3)),
                                WireName.parse(SubmissionStatus.class, rs.getString(4)),
                                rs.getString(5),
                                rs.getDouble(6),
                                rs.getLong(7)))
                        .list());
    }

    static Submission row(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Submission(
                rs.getString("id"),
                rs.getString("task_id"),
                rs.getString("model_id"),
                WireName.parse(SubmissionStatus.class, rs.getString("status")),
                outcome == null ? null : WireName.parse(SubmissionOutcome.class, outcome),
                rs.getString("reason"),
                rs.getInt("attempts"),
                rs.getString("code"),
                rs.getString("assists"),
                rs.getString("finish_reason"),
                rs.getString("model_version"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getLong("reasoning_tokens"),
                rs.getDouble("cost_usd"),
                rs.getLong("latency_ms"),
                rs.getString("lease_owner"),
                rs.getLong("lease_until"));
    }
}
