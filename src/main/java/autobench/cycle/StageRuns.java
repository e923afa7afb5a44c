package autobench.cycle;

import autobench.WireName;
import autobench.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Owner of {@code stage_runs}: the run history of the schedule, one row per (stage, day). A run is
 * claimed by an insert or a conditional update, so of any number of schedulers and cron triggers
 * exactly one runs a stage of a day; a finished stage is never run again.
 */
public final class StageRuns {
    private final Database db;

    public StageRuns(Database db) {
        this.db = db;
    }

    public enum Status implements WireName {
        RUNNING,
        DONE,
        STOPPED,
        FAILED
    }

    /** Who asked for a run. */
    public enum Trigger implements WireName {
        SCHEDULE,
        CRON,
        CLI
    }

    public record Run(
            Stage stage,
            LocalDate day,
            Status status,
            String triggerBy,
            String owner,
            int attempts,
            long startedAt,
            Long finishedAt,
            String detail) {}

    /**
     * Takes the run of a stage for a day: the first time, after a stop or a failure, or when the
     * process that held it stopped renewing its lease. False when it is done or running elsewhere.
     */
    public boolean claim(Stage stage, LocalDate day, Trigger trigger, String owner, long leaseUntil, long now) {
        return db.jdbi().inTransaction(h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO stage_runs (stage, day, status, trigger_by, owner, lease_until, attempts, started_at)
                    VALUES (:stage, :day, 'running', :trigger, :owner, :lease, 1, :now)
                    ON CONFLICT (stage, day) DO NOTHING""")
                    .bind("stage", stage.wireName())
                    .bind("day", day.toString())
                    .bind("trigger", trigger.wireName())
                    .bind("owner", owner)
                    .bind("lease", leaseUntil)
                    .bind("now", now)
                    .execute();
            if (inserted == 1) return true;
            return h.createUpdate("""
                    UPDATE stage_runs SET status = 'running', trigger_by = :trigger, owner = :owner, lease_until = :lease,
                      attempts = attempts + 1, started_at = :now, finished_at = NULL, detail = NULL
                    WHERE stage = :stage AND day = :day
                      AND (status IN ('stopped', 'failed') OR (status = 'running' AND lease_until < :now))""")
                            .bind("stage", stage.wireName())
                            .bind("day", day.toString())
                            .bind("trigger", trigger.wireName())
                            .bind("owner", owner)
                            .bind("lease", leaseUntil)
                            .bind("now", now)
                            .execute()
                    == 1;
        });
    }

    public void renew(Stage stage, LocalDate day, String owner, long leaseUntil) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                UPDATE stage_runs SET lease_until = :lease WHERE stage = :stage AND day = :day AND owner = :owner AND status = 'running'""")
                        .bind("lease", leaseUntil)
                        .bind("stage", stage.wireName())
                        .bind("day", day.toString())
                        .bind("owner", owner)
                        .execute());
    }

    public void finish(Stage stage, LocalDate day, String owner, Status status, String detail, long now) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                UPDATE stage_runs SET status = :status, detail = :detail, finished_at = :now, lease_until = NULL
                WHERE stage = :stage AND day = :day AND owner = :owner AND status = 'running'""")
                        .bind("status", status.wireName())
                        .bind("detail", detail)
                        .bind("now", now)
                        .bind("stage", stage.wireName())
                        .bind("day", day.toString())
                        .bind("owner", owner)
                        .execute());
    }

    public Optional<Run> find(Stage stage, LocalDate day) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM stage_runs WHERE stage = :stage AND day = :day")
                        .bind("stage", stage.wireName())
                        .bind("day", day.toString())
                        .map((rs, c) -> row(rs))
                        .findOne());
    }

    /** The most recent runs first, for operators. */
    public List<Run> recent(int limit) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM stage_runs ORDER BY day DESC, started_at DESC LIMIT :n")
                        .bind("n", limit)
                        .map((rs, c) -> row(rs))
                        .list());
    }

    private static Run row(ResultSet rs) throws SQLException {
        long finished = rs.getLong("finished_at");
        Long finishedAt = rs.wasNull() ? null : finished;
        return new Run(
                WireName.parse(Stage.class, rs.getString("stage")),
                LocalDate.parse(rs.getString("day")),
                WireName.parse(Status.class, rs.getString("status")),
                rs.getString("trigger_by"),
                rs.getString("owner"),
                rs.getInt("attempts"),
                rs.getLong("started_at"),
                finishedAt,
                rs.getString("detail"));
    }
}
