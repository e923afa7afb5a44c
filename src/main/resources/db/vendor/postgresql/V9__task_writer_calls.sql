-- The task writer's call (task_generator naming a model) goes in the call ledger like every
-- other request: a row before it leaves, its outcome after. It belongs to no submission, so
-- submission_id may be NULL; task_day names the arena day it wrote tasks for, and
-- UNIQUE (task_day, attempt) lets one process, once, send the day's call.
-- PostgreSQL alters the table in place (its grants and policies stay); SQLite rebuilds it (V9 there).
ALTER TABLE provider_calls ALTER COLUMN submission_id DROP NOT NULL;
ALTER TABLE provider_calls ADD COLUMN task_day TEXT;
ALTER TABLE provider_calls ADD CONSTRAINT provider_calls_task_day_attempt UNIQUE (task_day, attempt);
ALTER TABLE provider_calls ADD CONSTRAINT provider_calls_one_subject
    CHECK ((submission_id IS NULL) <> (task_day IS NULL));

-- Artifact bytes are looked up by hash (and, on PostgreSQL, the web user's policy on blobs asks
-- whether an artifact it may see has that hash): index it.
CREATE INDEX artifacts_sha256 ON artifacts (sha256);
