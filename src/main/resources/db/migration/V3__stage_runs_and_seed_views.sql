-- The run history of the schedule, and the seed's verification queries as views.

-- One row per (stage, arena day): who ran it, when, and how it ended. Claimed like a submission
-- (insert or conditional update), so any number of schedulers and cron triggers run a stage of a
-- day once; a stage that was stopped or failed is run again, a finished one never.
CREATE TABLE stage_runs (
    stage       TEXT NOT NULL,            -- generate, dispatch, render, snapshot
    day         TEXT NOT NULL,            -- ISO date of the arena day
    status      TEXT NOT NULL,            -- running, done, stopped, failed
    trigger_by  TEXT NOT NULL,            -- schedule, cron, cli
    owner       TEXT,                     -- process identity (host/pid/uuid)
    lease_until BIGINT,
    attempts    INTEGER NOT NULL,
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    detail      TEXT,                     -- what it did, in words (counts, or why it failed)
    PRIMARY KEY (stage, day)
);

-- The seed's first check: must always be empty.
CREATE VIEW duplicate_submissions AS
    SELECT task_id, model_id, COUNT(*) AS n
    FROM submissions GROUP BY task_id, model_id HAVING COUNT(*) > 1;

-- The seed's third check: how many answers each task has, newest first.
CREATE VIEW submissions_per_task AS
    SELECT t.id AS task_id, t.day, t.slot, t.title, t.status, COUNT(s.id) AS submission_count
    FROM tasks t LEFT JOIN submissions s ON s.task_id = t.id
    GROUP BY t.id, t.day, t.slot, t.title, t.status;
