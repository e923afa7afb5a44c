package autobench.leaderboard;

import autobench.db.Database;
import autobench.rating.Leaderboard;
import autobench.rating.LeaderboardRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Owner of {@code rating_snapshots}: one row per (day, scope, model, method), for history charts. */
public final class SnapshotStore {
    private final Database db;

    public SnapshotStore(Database db) {
        this.db = db;
    }

    /** One stored point of a model's rating history. */
    public record Point(
            LocalDate day,
            String scope,
            String modelId,
            String method,
            double rating,
            Double ciLow,
            Double ciHigh,
            Integer rank,
            int votes) {}

    /** Stores a day's leaderboard for a scope ("all" or "category:&lt;name&gt;"); re-storing a day replaces it. */
    public void store(LocalDate day, String scope, Leaderboard board, long now) {
        db.jdbi().useTransaction(h -> {
            for (LeaderboardRow r : board.rows()) {
                for (String method : List.of("bradley_terry", "elo")) {
                    boolean bt = method.equals("bradley_terry");
                    h.createUpdate("""
                            INSERT INTO rating_snapshots (day, scope, model_id, method, rating, ci_low, ci_high, rank, votes, created_at)
                            VALUES (:day, :scope, :model, :method, :rating, :lo, :hi, :rank, :votes, :now)
                            ON CONFLICT (day, scope, model_id, method) DO UPDATE SET rating = excluded.rating,
                              ci_low = excluded.ci_low, ci_high = excluded.ci_high, rank = excluded.rank,
                              votes = excluded.votes, created_at = excluded.created_at""")
                            .bind("day", day.toString())
                            .bind("scope", scope)
                            .bind("model", r.model())
                            .bind("method", method)
                            .bind("rating", bt ? r.rating() : r.elo())
                            .bind("lo", bt && Double.isFinite(r.ciLow()) ? r.ciLow() : null)
                            .bind("hi", bt && Double.isFinite(r.ciHigh()) ? r.ciHigh() : null)
                            .bind("rank", bt ? r.rank() : null)
                            .bind("votes", r.votes())
                            .bind("now", now)
                            .execute();
                }
            }
        });
    }

    /** Days that have a snapshot, oldest first. */
    public List<LocalDate> days() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT DISTINCT day FROM rating_snapshots ORDER BY day")
                        .map((rs, c) -> LocalDate.parse(rs.getString("day")))
                        .list());
    }

    /** A model's history in one scope and method, oldest first. */
    public List<Point> history(String modelId, String scope, String method) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT day, scope, model_id, method, rating, ci_low, ci_high, rank, votes FROM rating_snapshots
                WHERE model_id = :m AND scope = :s AND method = :method ORDER BY day""")
                        .bind("m", modelId)
                        .bind("s", scope)
                        .bind("method", method)
                        .map((rs, c) -> new Point(
                                LocalDate.parse(rs.getString("day")),
                                rs.getString("scope"),
                                rs.getString("model_id"),
                                rs.getString("method"),
                                rs.getDouble("rating"),
                                nullable(rs, "ci_low"),
                                nullable(rs, "ci_high"),
                                rs.getObject("rank") == null ? null : rs.getInt("rank"),
                                rs.getInt("votes")))
                        .list());
    }

    /** Every column of {@code rating_snapshots}, in the order an export writes them; the import binds the same names. */
    public static final List<String> EXPORT_COLUMNS =
            List.of("day", "scope", "model_id", "method", "rating", "ci_low", "ci_high", "rank", "votes", "created_at");

    /** Streams the snapshots of days in [from, to] (ISO dates), one row at a time, in a stable order. */
    public void exportRows(String from, String to, Consumer<Map<String, Object>> sink) {
        db.streamRows(
                "SELECT " + String.join(", ", EXPORT_COLUMNS)
                        + " FROM rating_snapshots WHERE day >= :from AND day <= :to ORDER BY day, scope, method, model_id",
                Map.of("from", from, "to", to),
                sink);
    }

    /** Inserts exported rows in one transaction (an import into an empty database). */
    public long importRows(Iterator<Map<String, Object>> rows) {
        return db.insertRows(
                "INSERT INTO rating_snapshots (" + String.join(", ", EXPORT_COLUMNS) + ") VALUES ("
                        + String.join(
                                ", ", EXPORT_COLUMNS.stream().map(c -> ":" + c).toList()) + ")",
                EXPORT_COLUMNS,
                rows);
    }

    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rating_snapshots")
                        .mapTo(Long.class)
                        .one());
    }

    private static Double nullable(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    /** The latest snapshot write (epoch ms), 0 when there are none: part of the site's data version. */
    public long lastChange() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COALESCE(MAX(created_at), 0) FROM rating_snapshots")
                        .mapTo(Long.class)
                        .one());
    }
}
