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

-- The seed's verification SQL compares created_at with NOW() - INTERVAL '24 hours'. Our timestamps
-- are epoch milliseconds (BIGINT, shared with SQLite), and PostgreSQL has no comparison of a
-- BIGINT with a timestamp, so the seed's query failed. These operators read the BIGINT side as
-- epoch milliseconds; they only add comparisons that were errors before and change no other query.
-- docs/seed.md lists the queries; SeedQueriesTest runs them.
CREATE FUNCTION autobench_ms_to_timestamptz(ms BIGINT) RETURNS TIMESTAMPTZ
    LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT to_timestamp(ms / 1000.0) $$;
CREATE FUNCTION autobench_ms_lt(a BIGINT, b TIMESTAMPTZ) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT autobench_ms_to_timestamptz(a) < b $$;
CREATE FUNCTION autobench_ms_le(a BIGINT, b TIMESTAMPTZ) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT autobench_ms_to_timestamptz(a) <= b $$;
CREATE FUNCTION autobench_ms_gt(a BIGINT, b TIMESTAMPTZ) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT autobench_ms_to_timestamptz(a) > b $$;
CREATE FUNCTION autobench_ms_ge(a BIGINT, b TIMESTAMPTZ) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT autobench_ms_to_timestamptz(a) >= b $$;
CREATE OPERATOR < (LEFTARG = BIGINT, RIGHTARG = TIMESTAMPTZ, FUNCTION = autobench_ms_lt, NEGATOR = >=);
CREATE OPERATOR <= (LEFTARG = BIGINT, RIGHTARG = TIMESTAMPTZ, FUNCTION = autobench_ms_le, NEGATOR = >);
CREATE OPERATOR > (LEFTARG = BIGINT, RIGHTARG = TIMESTAMPTZ, FUNCTION = autobench_ms_gt, NEGATOR = <=);
CREATE OPERATOR >= (LEFTARG = BIGINT, RIGHTARG = TIMESTAMPTZ, FUNCTION = autobench_ms_ge, NEGATOR = <);
