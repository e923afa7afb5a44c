-- Work asked of a process that cannot do it itself: a cron trigger or an operator's re-send that
-- reached a web-only process (serve --roles web has no dispatcher and no provider). The web
-- process inserts a row; a worker or scheduler process claims it on its next tick with one
-- conditional UPDATE (queued -> running), so exactly one process runs it, and records how it
-- ended. GET /api/cron/runs/{id} and the operator's audit page read it back.
CREATE TABLE work_requests (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,           -- generate, snapshot, dispatch, render, resend
    day           TEXT,                    -- the arena day of a stage run (YYYY-MM-DD)
    submission_id TEXT,                    -- the submission of a re-send
    requested_by  TEXT NOT NULL,           -- 'cron' or the operator ('session:…', 'cli:…')
    requested_at  BIGINT NOT NULL,
    status        TEXT NOT NULL,           -- queued, running, done, failed
    claimed_by    TEXT,                    -- the process that ran it (host/pid/random)
    claimed_at    BIGINT,
    finished_at   BIGINT,
    outcome       TEXT
);
CREATE INDEX work_requests_status ON work_requests (status, requested_at);
