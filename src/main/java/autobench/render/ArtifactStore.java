package autobench.render;

import autobench.db.Database;
import java.util.List;
import java.util.Optional;

/**
 * Owner of {@code artifacts} and {@code blobs}. Bytes are stored once per SHA-256; an artifact is
 * UNIQUE per (submission, kind), so a rerun of the render stage reuses what is there.
 */
public final class ArtifactStore {
    private final Database db;

    public ArtifactStore(Database db) {
        this.db = db;
    }

    /** A stored artifact's metadata. */
    public record Stored(String submissionId, String kind, String sha256, String mimeType, long size) {}

    /** Content and type of a blob, for serving with immutable cache headers. */
    public record Blob(String mimeType, byte[] content) {}

    /** Stores an artifact; false if the submission already has one of this kind (it is kept). */
    public boolean put(String submissionId, Artifact a, long now) {
        String sha = a.sha256();
        return db.jdbi().inTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO blobs (sha256, mime_type, size, content, created_at) VALUES (:sha, :mime, :size, :content, :now)
                    ON CONFLICT (sha256) DO NOTHING""")
                    .bind("sha", sha).bind("mime", a.mimeType()).bind("size", a.bytes().length).bind("content", a.bytes())
                    .bind("now", now).execute();
            return h.createUpdate("""
                    INSERT INTO artifacts (submission_id, kind, sha256, created_at) VALUES (:s, :kind, :sha, :now)
                    ON CONFLICT (submission_id, kind) DO NOTHING""")
                    .bind("s", submissionId).bind("kind", a.kind()).bind("sha", sha).bind("now", now).execute() == 1;
        });
    }

    public List<Stored> forSubmission(String submissionId) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.submission_id, a.kind, a.sha256, b.mime_type, b.size FROM artifacts a JOIN blobs b ON b.sha256 = a.sha256
                WHERE a.submission_id = :s ORDER BY a.kind""").bind("s", submissionId)
                .map((rs, c) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list());
    }

    public Optional<Blob> blob(String sha256) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT mime_type, content FROM blobs WHERE sha256 = :sha")
                .bind("sha", sha256).map((rs, c) -> new Blob(rs.getString(1), rs.getBytes(2))).findOne());
    }

    /** Forgets a submission's artifacts (operator re-render); the blobs stay, other artifacts may share them. */
    public int removeFor(String submissionId) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM artifacts WHERE submission_id = :s").bind("s", submissionId).execute());
    }

    /** Artifact kinds stored more than once for one submission: must be empty. */
    public int count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artifacts").mapTo(Integer.class).one());
    }
}
