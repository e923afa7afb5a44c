-- The task writer's call (task_generator naming a model) goes in the call ledger like every
-- other request: a row before it leaves, its outcome after. It belongs to no submission, so
-- submission_id may be NULL; task_day names the arena day it wrote tasks for, and
-- UNIQUE (task_day, attempt) lets one process, once, send the day's call.
-- SQLite cannot drop a NOT NULL in place, so the table is rebuilt (nothing references it).
CREATE TABLE provider_calls_v9 (
    id               TEXT PRIMARY KEY,
    submission_id    TEXT REFERENCES submissions (id),   -- NULL for the task writer's call
    task_day         TEXT,                               -- the day the task writer wrote for; NULL otherwise
    attempt          INTEGER NOT NULL,
    model_id         TEXT NOT NULL,
    caller           TEXT NOT NULL,
    reason           TEXT NOT NULL,                      -- first, retry, operator_resend, task_writer
    started_at       BIGINT NOT NULL,
    finished_at      BIGINT,
    outcome          TEXT,
    http_status      INTEGER,
    retry_after_ms   BIGINT,
    detail           TEXT,
    input_tokens     BIGINT,
    output_tokens    BIGINT,
    reasoning_tokens BIGINT,
    cost_usd         DOUBLE PRECISION,
    latency_ms       BIGINT,
    UNIQUE (submission_id, attempt),
    UNIQUE (task_day, attempt),
    CHECK ((submission_id IS NULL) <> (task_day IS NULL))
);
INSERT INTO provider_calls_v9 (id, submission_id, task_day, attempt, model_id, caller, reason, started_at, finished_at,
        outcome, http_status, retry_after_ms, detail, input_tokens, output_tokens, reasoning_tokens, cost_usd, latency_ms)
    SELECT id, submission_id, NULL, attempt, model_id, caller, reason, started_at, finished_at,
        outcome, http_status, retry_after_ms, detail, input_tokens, output_tokens, reasoning_tokens, cost_usd, latency_ms
    FROM provider_calls;
DROP TABLE provider_calls;
ALTER TABLE provider_calls_v9 RENAME TO provider_calls;
CREATE INDEX provider_calls_started ON provider_calls (started_at);

-- Artifact bytes are looked up by hash (and, on PostgreSQL, the web user's policy on blobs asks
-- whether an artifact it may see has that hash): index it.
CREATE INDEX artifacts_sha256 ON artifacts (sha256);
