package autobench.render;

import autobench.WireName;
import autobench.db.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Owner of {@code render_results}: one row per rendered submission, claimed like dispatch claims. */
public final class RenderStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public RenderStore(Database db) {
        this.db = db;
    }

    /** Where a render is: waiting, claimed by a renderer, or finished (a renderer failure is finished too). */
    public enum State implements WireName {
        PENDING,
        RENDERING,
        DONE
    }

    /** A stored render result (checks are null until rendered). */
    public record Row(
            String submissionId,
            State status,
            String result,
            String reason,
            Boolean runs,
            Boolean notBlank,
            Boolean animates,
            Boolean interactive,
            Boolean slow,
            int attempts,
            long seed,
            List<String> assists) {}

    public boolean createPending(String submissionId, long seed, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                INSERT INTO render_results (submission_id, status, seed, attempts, created_at, updated_at)
                VALUES (:s, 'pending', :seed, 0, :now, :now) ON CONFLICT (submission_id) DO NOTHING""")
                                .bind("s", submissionId)
                                .bind("seed", seed)
                                .bind("now", now)
                                .execute())
                == 1;
    }

    public boolean claim(String submissionId, String owner, long leaseUntil, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE render_results SET status = 'rendering', lease_owner = :o, lease_until = :u, attempts = attempts + 1, updated_at = :now
                WHERE submission_id = :s AND status = 'pending'""")
                                .bind("o", owner)
                                .bind("u", leaseUntil)
                                .bind("now", now)
                                .bind("s", submissionId)
                                .execute())
                == 1;
    }

    /** Writes a finished render under this owner's claim. */
    public boolean complete(String submissionId, String owner, RenderOutput out, long now) {
        Checks c = out.checks();
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE render_results SET status = 'done', result = :result, reason = :reason, runs = :runs, not_blank = :nb,
                  animates = :an, interactive = :ia, slow = :slow, contrast = :contrast, motion = :motion, input_effect = :ie,
                  console = :console, errors = :errors, blocked = :blocked, assists = :assists, first_paint_ms = :fp, load_ms = :load,
                  total_ms = :total, lease_until = NULL, updated_at = :now, rendered_at = :now
                WHERE submission_id = :s AND lease_owner = :o AND status = 'rendering'""")
                                .bind("result", out.status().wireName())
                                .bind("reason", out.reason())
                                .bind("runs", c.runs() ? 1 : 0)
                                .bind("nb", c.notBlank() ? 1 : 0)
                                .bind("an", c.animates() ? 1 : 0)
                                .bind("ia", c.interactive() ? 1 : 0)
                                .bind("slow", c.slow() ? 1 : 0)
                                .bind("contrast", c.contrast())
                                .bind("motion", c.motion())
                                .bind("ie", c.inputEffect())
                                .bind("console", json(out.console()))
                                .bind("errors", json(out.errors()))
                                .bind("blocked", json(out.blockedRequests()))
                                .bind("assists", json(out.assists()))
                                .bind("fp", out.timing().firstPaintMs())
                                .bind("load", out.timing().loadMs())
                                .bind("total", out.timing().totalMs())
                                .bind("now", now)
                                .bind("s", submissionId)
                                .bind("o", owner)
                                .execute())
                == 1;
    }

    /** Records that the renderer itself failed on this submission (not the page): shown as such. */
    public boolean fail(String submissionId, String owner, String reason, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE render_results SET status = 'done', result = 'render_failed', reason = :r, lease_until = NULL,
                  updated_at = :now, rendered_at = :now
                WHERE submission_id = :s AND lease_owner = :o AND status = 'rendering'""")
                                .bind("r", reason)
                                .bind("now", now)
                                .bind("s", submissionId)
                                .bind("o", owner)
                                .execute())
                == 1;
    }

    /**
     * Claims whose renderer died: rendering costs nothing, so they go back to pending, but a page
     * that has already killed the renderer {@code maxAttempts} times is recorded as render_failed.
     */
    public int expireLeases(long now, int maxAttempts) {
        return db.jdbi()
                .withHandle(h -> h.createUpdate("""
                UPDATE render_results SET status = CASE WHEN attempts >= :max THEN 'done' ELSE 'pending' END,
                  result = CASE WHEN attempts >= :max THEN 'render_failed' ELSE result END,
                  reason = CASE WHEN attempts >= :max THEN 'the renderer stopped answering on every attempt' ELSE reason END,
                  lease_owner = NULL, lease_until = NULL, updated_at = :now
                WHERE status = 'rendering' AND lease_until < :now""")
                        .bind("max", maxAttempts)
                        .bind("now", now)
                        .execute());
    }

    /** Operator re-render: back to pending whatever its state. */
    public boolean reopen(String submissionId, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE render_results SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = :now
                WHERE submission_id = :s AND status <> 'rendering'""")
                                .bind("s", submissionId)
                                .bind("now", now)
                                .execute())
                == 1;
    }

    public Optional<Row> find(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT submission_id, status, result, reason, runs, not_blank, animates, interactive, attempts, seed,
                  assists, slow
                FROM render_results WHERE submission_id = :s""")
                        .bind("s", submissionId)
                        .map((rs, c) -> new Row(
                                rs.getString(1),
                                WireName.parse(State.class, rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                bool(rs, 5),
                                bool(rs, 6),
                                bool(rs, 7),
                                bool(rs, 8),
                                bool(rs, 12),
                                rs.getInt(9),
                                rs.getLong(10),
                                strings(rs.getString(11))))
                        .findOne());
    }

    /** Render results per outcome (ok, error, …; "pending"/"rendering" for unfinished). */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("""
                SELECT CASE WHEN status = 'done' THEN result ELSE status END AS k, COUNT(*) AS n FROM render_results GROUP BY 1 ORDER BY 1""")
                        .map((rs, c) -> Map.entry(rs.getString("k"), rs.getInt("n")))
                        .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Every column of {@code render_results}, in the order an export writes them; the import binds the same names. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "submission_id",
            "status",
            "result",
            "reason",
            "runs",
            "not_blank",
            "animates",
            "interactive",
            "slow",
            "contrast",
            "motion",
            "input_effect",
            "console",
            "errors",
            "blocked",
            "assists",
            "first_paint_ms",
            "load_ms",
            "total_ms",
            "seed",
            "attempts",
            "created_at",
            "updated_at",
            "rendered_at");

    /**
     * Streams the render results of submissions to tasks whose day lies in [from, to], created before {@code before}, one row at a time, in a stable order.
     */
    public void exportRows(String from, String to, long before, Consumer<Map<String, Object>> sink) {
        db.streamRows(
                "SELECT " + String.join(", ", EXPORT_COLUMNS) + " FROM render_results WHERE created_at < :before"
                        + " AND submission_id IN (SELECT s.id FROM submissions s JOIN tasks t ON t.id = s.task_id"
                        + " WHERE t.day >= :from AND t.day <= :to) ORDER BY created_at, submission_id",
                Map.of("from", from, "to", to, "before", before),
                sink);
    }

    /** Inserts exported rows in one transaction (an import into an empty database). */
    public long importRows(Iterator<Map<String, Object>> rows) {
        return db.insertRows(
                "INSERT INTO render_results (" + String.join(", ", EXPORT_COLUMNS) + ") VALUES ("
                        + String.join(
                                ", ", EXPORT_COLUMNS.stream().map(c -> ":" + c).toList()) + ")",
                EXPORT_COLUMNS,
                rows);
    }

    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM render_results")
                        .mapTo(Long.class)
                        .one());
    }

    /** What the site shows of a finished render besides the checks: console, errors, measurements, timings. */
    public record Details(
            String consoleJson,
            String errorsJson,
            String blockedJson,
            Double contrast,
            Double motion,
            Double inputEffect,
            Long firstPaintMs,
            Long loadMs,
            Long totalMs) {}

    public Optional<Details> details(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT console, errors, blocked, contrast, motion, input_effect, first_paint_ms, load_ms, total_ms
                FROM render_results WHERE submission_id = :s""")
                        .bind("s", submissionId)
                        .map((rs, c) -> new Details(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                dbl(rs, 4),
                                dbl(rs, 5),
                                dbl(rs, 6),
                                lng(rs, 7),
                                lng(rs, 8),
                                lng(rs, 9)))
                        .findOne());
    }

    /** The latest change to any render (epoch ms), 0 when there are none: part of the site's data version. */
    public long lastChange() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COALESCE(MAX(updated_at), 0) FROM render_results")
                        .mapTo(Long.class)
                        .one());
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Long lng(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v == 1;
    }

    private static List<String> strings(String json) {
        if (json == null) return List.of();
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("render_results.assists is not a JSON array of strings", e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
