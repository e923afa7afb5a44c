-- Voting integrity. Same dialect rules as V1: what SQLite and PostgreSQL both accept.

-- Secrets every process on this database must share (the web may run as many processes on many
-- machines, and a token issued by one must verify on another). Created once, by whichever process
-- gets there first (INSERT … ON CONFLICT DO NOTHING), then only read. Hex text, not bytes, so both
-- stores read it back the same way.
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY,
    secret_hex TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A battle's token stops being accepted at expires_at. NULL only for battles written by the
-- plain VoteStore.issueBattle (imports, tests), which never go through a token.
ALTER TABLE battles ADD COLUMN expires_at BIGINT;

-- Votes cast by the demo's simulated visitors. They are kept (everything is kept) but never
-- counted with votes cast by people.
ALTER TABLE votes ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;

-- Per-day vote counts for the visitor and address caps. A counter row, raised by one conditional
-- upsert inside the vote's transaction, makes the cap exact even when two votes from the same
-- visitor race on PostgreSQL (counting the votes table under READ COMMITTED would let both pass).
CREATE TABLE vote_tallies (
    scope   TEXT NOT NULL,                   -- 'visitor' or 'address'
    subject TEXT NOT NULL,                   -- the visitor id, or the keyed hash of the address
    day     TEXT NOT NULL,                   -- ISO date of the arena day the vote was cast on
    votes   INTEGER NOT NULL,
    PRIMARY KEY (scope, subject, day)
);
