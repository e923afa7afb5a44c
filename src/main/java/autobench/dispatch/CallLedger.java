package autobench.dispatch;

import autobench.WireName;
import autobench.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Owner of {@code provider_calls}: every outbound request is written here before it leaves and
 * its outcome after. UNIQUE(submission_id, attempt) means that an attempt number can be taken
 * only once, by one process.
 */
public final class CallLedger {
    private final Database db;

    public CallLedger(Database db) {
        this.db = db;
    }

    /** The attempt number the next request of this submission takes. */
    public int nextAttempt(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT COALESCE(MAX(attempt), 0) + 1 FROM provider_calls WHERE submission_id = :s")
                        .bind("s", submissionId)
                        .mapTo(Integer.class)
                        .one());
    }

    /** Writes the row for a request about to be sent; false if that attempt is already taken (then: do not send). */
    public boolean begin(LedgerCall.Start c, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                INSERT INTO provider_calls (id, submission_id, attempt, model_id, caller, reason, started_at)
                VALUES (:id, :s, :a, :m, :caller, :reason, :now)
                ON CONFLICT (submission_id, attempt) DO NOTHING""")
                                .bind("id", c.callId())
                                .bind("s", c.submissionId())
                                .bind("a", c.attempt())
                                .bind("m", c.modelId())
                                .bind("caller", c.caller())
                                .bind("reason", c.reason().wireName())
                                .bind("now", now)
                                .execute())
                == 1;
    }

    /**
     * Writes the row for the task writer's call for {@code day}, before it leaves; false if that day's
     * call was already taken (by this or another process, now or earlier): then do not send.
     */
    public boolean beginTaskWriter(String callId, String day, String modelId, String caller, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                INSERT INTO provider_calls (id, task_day, attempt, model_id, caller, reason, started_at)
                VALUES (:id, :day, 1, :m, :caller, :reason, :now)
                ON CONFLICT (task_day, attempt) DO NOTHING""")
                                .bind("id", callId)
                                .bind("day", day)
                                .bind("m", modelId)
                                .bind("caller", caller)
                                .bind("reason", CallReason.TASK_WRITER.wireName())
                                .bind("now", now)
                                .execute())
                == 1;
    }

    /** The task writer's call for {@code day}, if one was ever started. */
    public Optional<LedgerCall> taskWriterCall(String day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM provider_calls WHERE task_day = :d AND attempt = 1")
                        .bind("d", day)
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    /** Marks the day's task writer call, lost in flight by a process that died, as unknown; false if it had an outcome. */
    public boolean markTaskWriterUnknown(String day, long now) {
        return markUnknown(
                        "task_day",
                        day,
                        "the process stopped while the call was in flight; the provider may have received and billed it",
                        now)
                == 1;
    }

    /** Every task writer call by arena day, oldest first (verify lists the unknown ones). */
    public Map<String, LedgerCall> taskWriterCalls() {
        Map<String, LedgerCall> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(
                        h -> h.createQuery("SELECT * FROM provider_calls WHERE task_day IS NOT NULL ORDER BY task_day")
                                .map((rs, c) -> Map.entry(rs.getString("task_day"), row(rs)))
                                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Average tokens of a model's billed calls (answers, truncations, refusals) for one purpose. */
    public record AverageTokens(int calls, double input, double output) {}

    /**
     * What a model's calls have used so far, on average: its answers, or (with {@code taskWriter}) the
     * task writer's calls. Only billed outcomes count; empty when there are none.
     */
    public Optional<AverageTokens> averageTokens(String modelId, boolean taskWriter) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) AS n, AVG(COALESCE(input_tokens, 0)) AS i, AVG(COALESCE(output_tokens, 0)) AS o
                        FROM provider_calls WHERE model_id = :m AND outcome IN (<billed>) AND (reason = :writer) = :isWriter""")
                        .bind("m", modelId)
                        .bind("writer", CallReason.TASK_WRITER.wireName())
                        .bind("isWriter", taskWriter)
                        .bindList(
                                "billed",
                                CallOutcome.BILLED_ANSWERS.stream()
                                        .map(CallOutcome::wireName)
                                        .toList())
                        .map((rs, c) -> new AverageTokens(rs.getInt("n"), rs.getDouble("i"), rs.getDouble("o")))
                        .findOne())
                .filter(a -> a.calls() > 0);
    }

    /** Writes what came back. */
    public void finish(String callId, LedgerCall.End e, long now) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                UPDATE provider_calls SET finished_at = :now, outcome = :outcome, http_status = :status,
                  retry_after_ms = :ra, detail = :detail, input_tokens = :in, output_tokens = :out,
                  reasoning_tokens = :rt, cost_usd = :cost, latency_ms = :latency
                WHERE id = :id""")
                        .bind("now", now)
                        .bind("outcome", e.outcome().wireName())
                        .bind("status", e.httpStatus() == 0 ? null : e.httpStatus())
                        .bind("ra", e.retryAfterMs())
                        .bind("detail", e.detail())
                        .bind("in", e.usage().inputTokens())
                        .bind("out", e.usage().outputTokens())
                        .bind("rt", e.usage().reasoningTokens())
                        .bind("cost", e.costUsd())
                        .bind("latency", e.latencyMs())
                        .bind("id", callId)
                        .execute());
    }

    /** Marks the in-flight calls of a submission whose process died as unknown. */
    public int markInFlightUnknown(String submissionId, long now) {
        return markUnknown(
                "submission_id",
                submissionId,
                "lease expired while in flight; the provider may have received and billed it",
                now);
    }

    /** Marks the calls without an outcome whose {@code column} (a constant of this class) is {@code key} unknown. */
    private int markUnknown(String column, String key, String detail, long now) {
        return db.jdbi()
                .withHandle(h -> h.createUpdate("UPDATE provider_calls SET outcome = :unknown, finished_at = :now,"
                                + " detail = :detail WHERE " + column + " = :key AND outcome IS NULL")
                        .bind("unknown", CallOutcome.UNKNOWN.wireName())
                        .bind("now", now)
                        .bind("detail", detail)
                        .bind("key", key)
                        .execute());
    }

    public List<LedgerCall> forSubmission(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM provider_calls WHERE submission_id = :s ORDER BY attempt")
                        .bind("s", submissionId)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    public int total() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM provider_calls")
                        .mapTo(Integer.class)
                        .one());
    }

    /** Sum of stored cost for calls started in [from, to). */
    public double spend(long fromMillis, long toMillis) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT COALESCE(SUM(cost_usd), 0) FROM provider_calls WHERE started_at >= :f AND started_at < :t")
                        .bind("f", fromMillis)
                        .bind("t", toMillis)
                        .mapTo(Double.class)
                        .one());
    }

    /** How many submissions had N ledger calls: N → submissions. */
    public Map<Integer, Integer> callsPerSubmission() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("""
                        SELECT n, COUNT(*) AS subs FROM (
                          SELECT s.id, COUNT(c.id) AS n FROM submissions s LEFT JOIN provider_calls c ON c.submission_id = s.id GROUP BY s.id
                        ) per GROUP BY n ORDER BY n""")
                        .map((rs, c) -> Map.entry(rs.getInt("n"), rs.getInt("subs")))
                        .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Submissions that succeeded with more than one answered call: a double payment. Must be empty. */
    public List<String> submissionsAnsweredTwice() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT submission_id FROM provider_calls WHERE outcome IN (<billed>)
                GROUP BY submission_id HAVING COUNT(*) > 1 ORDER BY submission_id""")
                        .bindList(
                                "billed",
                                CallOutcome.BILLED_ANSWERS.stream()
                                        .map(CallOutcome::wireName)
                                        .toList())
                        .mapTo(String.class)
                        .list());
    }

    /** Calls without an outcome whose submission is no longer being called: lost track of. */
    public List<LedgerCall> orphanedInFlight() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT c.* FROM provider_calls c JOIN submissions s ON s.id = c.submission_id
                WHERE c.outcome IS NULL AND s.status <> 'calling' ORDER BY c.started_at""").map((rs, c) -> row(rs)).list());
    }

    private static LedgerCall row(ResultSet rs) throws SQLException {
        return new LedgerCall(
                rs.getString("id"),
                rs.getString("submission_id"),
                rs.getInt("attempt"),
                rs.getString("model_id"),
                rs.getString("caller"),
                WireName.parse(CallReason.class, rs.getString("reason")),
                rs.getLong("started_at"),
                nullableLong(rs, "finished_at"),
                rs.getString("outcome") == null ? null : WireName.parse(CallOutcome.class, rs.getString("outcome")),
                nullableInt(rs, "http_status"),
                nullableLong(rs, "retry_after_ms"),
                rs.getString("detail"),
                rs.getDouble("cost_usd"),
                rs.getLong("latency_ms"));
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    /** One call's accounting, for the cost report. */
    public record CostRow(
            long startedAt,
            String modelId,
            long inputTokens,
            long outputTokens,
            long reasoningTokens,
            double costUsd,
            String outcome,
            CallReason reason) {}

    /** Accounting of every call started in [from, to). */
    public List<CostRow> costRows(long fromMillis, long toMillis) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT started_at, model_id, COALESCE(input_tokens, 0) AS i, COALESCE(output_tokens, 0) AS o,
                       COALESCE(reasoning_tokens, 0) AS r, COALESCE(cost_usd, 0) AS c, outcome, reason
                FROM provider_calls WHERE started_at >= :f AND started_at < :t ORDER BY started_at""")
                        .bind("f", fromMillis)
                        .bind("t", toMillis)
                        .map((rs, c) -> new CostRow(
                                rs.getLong("started_at"),
                                rs.getString("model_id"),
                                rs.getLong("i"),
                                rs.getLong("o"),
                                rs.getLong("r"),
                                rs.getDouble("c"),
                                rs.getString("outcome"),
                                WireName.parse(CallReason.class, rs.getString("reason"))))
                        .list());
    }
}
