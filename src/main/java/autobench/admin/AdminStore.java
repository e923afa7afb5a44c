package autobench.admin;

import autobench.db.Database;
import autobench.db.Ids;
import java.util.List;
import java.util.Optional;

/** Owner of the {@code admin_sessions} and {@code audit_log} tables. */
public final class AdminStore {
    private final Database db;

    public AdminStore(Database db) {
        this.db = db;
    }

    /** A signed-in session as stored: the cookie value's hash, never the value. */
    public record SessionRow(String idSha256, String csrf, long createdAt, long expiresAt) {}

    public void createSession(SessionRow s) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                INSERT INTO admin_sessions (id_sha256, csrf, created_at, expires_at) VALUES (:id, :csrf, :created, :expires)""")
                        .bind("id", s.idSha256())
                        .bind("csrf", s.csrf())
                        .bind("created", s.createdAt())
                        .bind("expires", s.expiresAt())
                        .execute());
    }

    /** A session that has not expired at {@code now}. */
    public Optional<SessionRow> session(String idSha256, long now) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT id_sha256, csrf, created_at, expires_at FROM admin_sessions WHERE id_sha256 = :id AND expires_at > :now")
                        .bind("id", idSha256)
                        .bind("now", now)
                        .map((rs, c) -> new SessionRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                        .findOne());
    }

    public void deleteSession(String idSha256) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("DELETE FROM admin_sessions WHERE id_sha256 = :id")
                        .bind("id", idSha256)
                        .execute());
    }

    /** Drops sessions that expired before {@code now}. */
    public int deleteExpired(long now) {
        return db.jdbi()
                .withHandle(h -> h.createUpdate("DELETE FROM admin_sessions WHERE expires_at <= :now")
                        .bind("now", now)
                        .execute());
    }

    /** One operator action. {@code before} and {@code after} are JSON objects (or null where nothing applies). */
    public record AuditRow(
            String id, long at, String actor, String action, String target, String before, String after) {}

    public void audit(long at, String actor, String action, String target, String before, String after) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                INSERT INTO audit_log (id, at, actor, action, target, before_json, after_json)
                VALUES (:id, :at, :actor, :action, :target, :before, :after)""")
                        .bind("id", Ids.newId())
                        .bind("at", at)
                        .bind("actor", actor)
                        .bind("action", action)
                        .bind("target", target)
                        .bind("before", before)
                        .bind("after", after)
                        .execute());
    }

    /** The newest audit rows first. */
    public List<AuditRow> recentAudit(int limit) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT id, at, actor, action, target, before_json, after_json FROM audit_log ORDER BY at DESC, id DESC LIMIT :n""")
                        .bind("n", limit)
                        .map((rs, c) -> new AuditRow(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7)))
                        .list());
    }
}
