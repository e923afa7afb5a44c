package autobench.cycle;

import autobench.WireName;
import autobench.db.Database;
import autobench.db.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Owner of {@code work_requests}: work a web-only process was asked for and hands on to the
 * workers (a cron stage run, an operator's re-send). A request is claimed by one conditional
 * update from {@code queued}, so of any number of workers exactly one runs it; it is never run
 * again, whatever happened to the process that claimed it (the stage's own run history and the
 * submission's lease take care of a crash).
 */
public final class WorkRequestStore {
    private final Database db;

    public WorkRequestStore(Database db) {
        this.db = db;
    }

    /** What was asked for: one of the stages of a day, or the re-send of one submission. */
    public enum Kind implements WireName {
        GENERATE,
        SNAPSHOT,
        DISPATCH,
        RENDER,
        RESEND;

        public static Kind of(Stage stage) {
            return valueOf(stage.name());
        }

        /** The stage this kind runs, or {@code null} for a re-send. */
        public Stage stage() {
            return this == RESEND ? null : Stage.valueOf(name());
        }
    }

    public enum Status implements WireName {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * @param day          the arena day of a stage run, {@code null} for a re-send
     * @param submissionId the submission of a re-send, {@code null} for a stage run
     */
    public record Request(
            String id,
            Kind kind,
            LocalDate day,
            String submissionId,
            String requestedBy,
            long requestedAt,
            Status status,
            String claimedBy,
            Long claimedAt,
            Long finishedAt,
            String outcome) {}

    /** Records a stage run asked for; returns its id. */
    public String addStage(Stage stage, LocalDate day, String requestedBy, long now) {
        return add(Kind.of(stage), day, null, requestedBy, now);
    }

    /** Records a re-send asked for; returns its id. */
    public String addResend(String submissionId, String requestedBy, long now) {
        return add(Kind.RESEND, null, submissionId, requestedBy, now);
    }

    private String add(Kind kind, LocalDate day, String submissionId, String requestedBy, long now) {
        String id = Ids.newId();
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                INSERT INTO work_requests (id, kind, day, submission_id, requested_by, requested_at, status)
                VALUES (:id, :kind, :day, :sub, :by, :now, 'queued')""")
                        .bind("id", id)
                        .bind("kind", kind.wireName())
                        .bind("day", day == null ? null : day.toString())
                        .bind("sub", submissionId)
                        .bind("by", requestedBy)
                        .bind("now", now)
                        .execute());
        return id;
    }

    /** Takes a queued request for this process; false when another process took it first. */
    public boolean claim(String id, String owner, long now) {
        return db.jdbi()
                        .withHandle(h -> h.createUpdate("""
                UPDATE work_requests SET status = 'running', claimed_by = :owner, claimed_at = :now
                WHERE id = :id AND status = 'queued'""")
                                .bind("id", id)
                                .bind("owner", owner)
                                .bind("now", now)
                                .execute())
                == 1;
    }

    public void finish(String id, String owner, Status status, String outcome, long now) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                UPDATE work_requests SET status = :status, outcome = :outcome, finished_at = :now
                WHERE id = :id AND claimed_by = :owner AND status = 'running'""")
                        .bind("status", status.wireName())
                        .bind("outcome", outcome)
                        .bind("now", now)
                        .bind("id", id)
                        .bind("owner", owner)
                        .execute());
    }

    public Optional<Request> find(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM work_requests WHERE id = :id")
                        .bind("id", id)
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    /** The queued request for this stage and day, if one is waiting (so a second trigger does not queue it twice). */
    public Optional<Request> queued(Stage stage, LocalDate day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT * FROM work_requests WHERE kind = :kind AND day = :day AND status = 'queued'
                ORDER BY requested_at LIMIT 1""")
                        .bind("kind", Kind.of(stage).wireName())
                        .bind("day", day.toString())
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    /** A re-send of this submission that is queued or running, if any (so a second click does not queue it twice). */
    public Optional<Request> openResend(String submissionId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT * FROM work_requests WHERE kind = 'resend' AND submission_id = :sub AND status IN ('queued', 'running')
                ORDER BY requested_at LIMIT 1""")
                        .bind("sub", submissionId)
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    /** The queued requests, oldest first. */
    public List<Request> queued(int limit) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT * FROM work_requests WHERE status = 'queued' ORDER BY requested_at, id LIMIT :n""")
                        .bind("n", limit)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    /** Requests asked for since {@code since} (epoch ms), newest first, for the integrity report. */
    public List<Request> since(long since) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT * FROM work_requests WHERE requested_at >= :since ORDER BY requested_at DESC, id""")
                        .bind("since", since)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    private static Request row(ResultSet rs) throws SQLException {
        String day = rs.getString("day");
        long claimed = rs.getLong("claimed_at");
        Long claimedAt = rs.wasNull() ? null : claimed;
        long finished = rs.getLong("finished_at");
        Long finishedAt = rs.wasNull() ? null : finished;
        return new Request(
                rs.getString("id"),
                WireName.parse(Kind.class, rs.getString("kind")),
                day == null ? null : LocalDate.parse(day),
                rs.getString("submission_id"),
                rs.getString("requested_by"),
                rs.getLong("requested_at"),
                WireName.parse(Status.class, rs.getString("status")),
                rs.getString("claimed_by"),
                claimedAt,
                finishedAt,
                rs.getString("outcome"));
    }
}
