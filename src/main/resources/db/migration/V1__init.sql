-- AutoBench schema. Written in the SQL that SQLite and PostgreSQL share: TEXT ids,
-- epoch-millisecond BIGINT timestamps, INTEGER 0/1 booleans, ON CONFLICT DO NOTHING.
-- Exactly-once lives here, in UNIQUE constraints, not in code paths.

CREATE TABLE models (
    id            TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    model_name    TEXT NOT NULL,
    demo          INTEGER NOT NULL,
    price_input   DOUBLE PRECISION NOT NULL,
    price_output  DOUBLE PRECISION NOT NULL,
    enabled       INTEGER NOT NULL,
    first_seen_at BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE tasks (
    id              TEXT PRIMARY KEY,
    day             TEXT NOT NULL,           -- ISO date of the arena day
    slot            INTEGER NOT NULL,        -- 0..tasks_per_day-1
    title           TEXT NOT NULL,
    category        TEXT NOT NULL,
    theme           TEXT NOT NULL,
    prompt          TEXT NOT NULL,
    generator       TEXT NOT NULL,           -- 'builtin' or 'model:<id>'
    fallback_reason TEXT,                    -- why an LLM generator fell back to the library
    status          TEXT NOT NULL,           -- proposed, approved, dispatched, published
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (day, slot)
);
CREATE INDEX tasks_status ON tasks (status);

CREATE TABLE submissions (
    id               TEXT PRIMARY KEY,
    task_id          TEXT NOT NULL REFERENCES tasks (id),
    model_id         TEXT NOT NULL REFERENCES models (id),
    status           TEXT NOT NULL,          -- pending, calling, succeeded, failed, unknown
    outcome          TEXT,                   -- answered, refused, truncated, no_code, rate_limited, ...
    reason           TEXT,
    lease_owner      TEXT,
    lease_until      BIGINT,
    attempts         INTEGER NOT NULL,
    raw_response     TEXT,
    answer           TEXT,
    reasoning        TEXT,
    code             TEXT,
    assists          TEXT,                   -- comma-separated extraction assists
    finish_reason    TEXT,
    model_version    TEXT,
    input_tokens     BIGINT,
    output_tokens    BIGINT,
    reasoning_tokens BIGINT,
    cost_usd         DOUBLE PRECISION,
    latency_ms       BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    completed_at     BIGINT,
    UNIQUE (task_id, model_id)
);
CREATE INDEX submissions_status ON submissions (status);

-- The call ledger: a row is written before a request leaves the process, its outcome after.
-- UNIQUE(submission_id, attempt) means two processes can never both send attempt N.
CREATE TABLE provider_calls (
    id               TEXT PRIMARY KEY,
    submission_id    TEXT NOT NULL REFERENCES submissions (id),
    attempt          INTEGER NOT NULL,
    model_id         TEXT NOT NULL,
    caller           TEXT NOT NULL,          -- process identity (host/pid/uuid)
    reason           TEXT NOT NULL,          -- first, retry, operator_resend
    started_at       BIGINT NOT NULL,
    finished_at      BIGINT,
    outcome          TEXT,                   -- NULL while in flight
    http_status      INTEGER,
    retry_after_ms   BIGINT,
    detail           TEXT,
    input_tokens     BIGINT,
    output_tokens    BIGINT,
    reasoning_tokens BIGINT,
    cost_usd         DOUBLE PRECISION,
    latency_ms       BIGINT,
    UNIQUE (submission_id, attempt)
);
CREATE INDEX provider_calls_started ON provider_calls (started_at);

-- Rendering: one result row per rendered submission, claimed with a lease like dispatch.
CREATE TABLE render_results (
    submission_id  TEXT PRIMARY KEY REFERENCES submissions (id),
    status         TEXT NOT NULL,            -- pending, rendering, done
    result         TEXT,                     -- ok, error, timeout, crashed, blank, render_failed
    reason         TEXT,
    runs           INTEGER,
    not_blank      INTEGER,
    animates       INTEGER,
    interactive    INTEGER,
    contrast       DOUBLE PRECISION,
    motion         DOUBLE PRECISION,
    input_effect   DOUBLE PRECISION,
    console        TEXT,                     -- JSON array of {type, text}
    errors         TEXT,                     -- JSON array of strings
    blocked        TEXT,                     -- JSON array of refused request URLs
    first_paint_ms BIGINT,
    load_ms        BIGINT,
    total_ms       BIGINT,
    seed           BIGINT NOT NULL,
    attempts       INTEGER NOT NULL,
    lease_owner    TEXT,
    lease_until    BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    rendered_at    BIGINT
);
CREATE INDEX render_results_status ON render_results (status);

-- Artifact bytes, content-addressed: identical images are stored once.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    mime_type  TEXT NOT NULL,
    size       BIGINT NOT NULL,
    content    BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE artifacts (
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    kind          TEXT NOT NULL,             -- poster, preview, frame-1, after-input, ...
    sha256        TEXT NOT NULL REFERENCES blobs (sha256),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (submission_id, kind)
);

CREATE TABLE battles (
    id              TEXT PRIMARY KEY,
    task_id         TEXT NOT NULL REFERENCES tasks (id),
    left_submission TEXT NOT NULL REFERENCES submissions (id),
    right_submission TEXT NOT NULL REFERENCES submissions (id),
    visitor         TEXT NOT NULL,
    issued_at       BIGINT NOT NULL,
    used_at         BIGINT
);

CREATE TABLE votes (
    id               TEXT PRIMARY KEY,
    battle_id        TEXT NOT NULL UNIQUE REFERENCES battles (id),
    task_id          TEXT NOT NULL REFERENCES tasks (id),
    left_model       TEXT NOT NULL REFERENCES models (id),
    right_model      TEXT NOT NULL REFERENCES models (id),
    outcome          TEXT NOT NULL CHECK (outcome IN ('left', 'right', 'tie', 'both_bad')),
    visitor          TEXT NOT NULL,
    address_hash     TEXT,
    cast_at          BIGINT NOT NULL
);

CREATE TABLE rating_snapshots (
    day        TEXT NOT NULL,
    scope      TEXT NOT NULL,                -- 'all' or 'category:<name>'
    model_id   TEXT NOT NULL REFERENCES models (id),
    method     TEXT NOT NULL,                -- elo, bradley_terry
    rating     DOUBLE PRECISION NOT NULL,
    ci_low     DOUBLE PRECISION,
    ci_high    DOUBLE PRECISION,
    rank       INTEGER,
    votes      INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (day, scope, model_id, method)
);
