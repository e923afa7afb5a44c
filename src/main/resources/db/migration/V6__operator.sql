-- Operator pages and the admin CLI (docs/operations.md, "Operator pages").

-- A signed-in operator. The cookie carries a random id; only its SHA-256 is stored here, so a
-- copy of the database does not hand out sessions. The CSRF token is bound to the session.
CREATE TABLE admin_sessions (
    id_sha256  TEXT PRIMARY KEY,
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Every operator action, from the pages or the CLI: who, what, on what, when, before and after.
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,           -- 'session:<first 8 hex of the session hash>' or 'cli:<os user>'
    action      TEXT NOT NULL,           -- approve, edit, reject, disable_model, ...
    target      TEXT NOT NULL,           -- the id acted on (task, model, submission, visitor, day)
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);

-- An operator's switch on a model, kept apart from `models` so the config sync at start-up
-- (which rewrites `models.enabled` from the config) cannot undo it.
CREATE TABLE model_overrides (
    model_id   TEXT PRIMARY KEY,
    disabled   INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

-- A hidden answer leaves public pages, the API and new battles; votes already cast on it stay.
ALTER TABLE submissions ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

-- A voided vote stays stored (never deleted) and stops counting anywhere.
ALTER TABLE votes ADD COLUMN voided_at BIGINT;
