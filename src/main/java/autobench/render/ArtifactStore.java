package autobench.render;

import autobench.db.Database;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
                    .bind("sha", sha)
                    .bind("mime", a.mimeType())
                    .bind("size", a.bytes().length)
                    .bind("content", a.bytes())
                    .bind("now", now)
                    .execute();
            return h.createUpdate("""
                    INSERT INTO artifacts (submission_id, kind, sha256, created_at) VALUES (:s, :kind, :sha, :now)
                    ON CONFLICT (submission_id, kind) DO NOTHING""")
                            .bind("s", submissionId)
                            .bind("kind", a.kind())
                            .bind("sha", sha)
                            .bind("now", now)
                            .execute()
                    == 1;
        });
    }

    public List<Stored> forSubmission(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT a.submission_id, a.kind, a.sha256, b.mime_type, b.size FROM artifacts a JOIN blobs b ON b.sha256 = a.sha256
                WHERE a.submission_id = :s ORDER BY a.kind""")
                        .bind("s", submissionId)
                        .map((rs, c) -> new Stored(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                        .list());
    }

    public Optional<Blob> blob(String sha256) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT mime_type, content FROM blobs WHERE sha256 = :sha")
                        .bind("sha", sha256)
                        .map((rs, c) -> new Blob(rs.getString(1), rs.getBytes(2)))
                        .findOne());
    }

    /** Forgets a submission's artifacts (operator re-render); the blobs stay, other artifacts may share them. */
    public int removeFor(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createUpdate("DELETE FROM artifacts WHERE submission_id = :s")
                        .bind("s", submissionId)
                        .execute());
    }

    /** The artifact columns an export writes (with the blob's type and size for readers) and an import binds. */
    public static final List<String> EXPORT_COLUMNS = List.of("submission_id", "kind", "sha256", "created_at");
    /** The blob columns besides the bytes. */
    public static final List<String> BLOB_COLUMNS = List.of("sha256", "mime_type", "size", "created_at");

    private static final String IN_RANGE = """
            SELECT s.id FROM submissions s JOIN tasks t ON t.id = s.task_id WHERE t.day >= :from AND t.day <= :to""";

    /** Streams the artifacts of submissions to tasks whose day lies in [from, to], created before {@code before}. */
    public void exportRows(String from, String to, long before, Consumer<Map<String, Object>> sink) {
        db.streamRows(
                """
                SELECT a.submission_id, a.kind, a.sha256, a.created_at, b.mime_type, b.size FROM artifacts a
                JOIN blobs b ON b.sha256 = a.sha256
                WHERE a.created_at < :before AND a.submission_id IN (""" + IN_RANGE + ") ORDER BY a.submission_id, a.kind",
                Map.of("from", from, "to", to, "before", before),
                sink);
    }

    /**
     * Streams the blobs those artifacts point at, each once, bytes included (column {@code content});
     * a few rows are fetched at a time, since each may be large.
     */
    public void exportBlobs(String from, String to, long before, Consumer<Map<String, Object>> sink) {
        db.streamRows(
                """
                SELECT b.sha256, b.mime_type, b.size, b.created_at, b.content FROM blobs b
                WHERE b.sha256 IN (SELECT a.sha256 FROM artifacts a WHERE a.created_at < :before AND a.submission_id IN (""" + IN_RANGE + ")) ORDER BY b.sha256", Map.of("from", from, "to", to, "before", before), 8, sink);
    }

    /** Inserts blobs (each row with its {@code content} bytes) in one transaction. */
    public long importBlobs(Iterator<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>(BLOB_COLUMNS);
        columns.add("content");
        return db.insertRows(
                "INSERT INTO blobs (sha256, mime_type, size, created_at, content) VALUES (:sha256, :mime_type, :size, :created_at, :content)",
                columns,
                rows);
    }

    /** Inserts artifact rows in one transaction; their blobs must be there already. */
    public long importRows(Iterator<Map<String, Object>> rows) {
        return db.insertRows(
                "INSERT INTO artifacts (submission_id, kind, sha256, created_at) VALUES (:submission_id, :kind, :sha256, :created_at)",
                EXPORT_COLUMNS,
                rows);
    }

    public long blobCount() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM blobs")
                        .mapTo(Long.class)
                        .one());
    }

    /** Artifact kinds stored more than once for one submission: must be empty. */
    public int count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artifacts")
                        .mapTo(Integer.class)
                        .one());
    }
}
