-- Provenance: what each submission was sent with, so that an exported answer can be traced and
-- asked again. Written with the claim, before any request leaves (SubmissionStore.recordProvenance).
-- Shared SQL only: ALTER TABLE … ADD COLUMN reads the same on SQLite and PostgreSQL.

ALTER TABLE submissions ADD COLUMN sent_provider TEXT;            -- adapter, e.g. openai, anthropic
ALTER TABLE submissions ADD COLUMN sent_model TEXT;               -- the provider's own model name
ALTER TABLE submissions ADD COLUMN sent_temperature DOUBLE PRECISION; -- NULL: none was sent
ALTER TABLE submissions ADD COLUMN sent_max_output_tokens INTEGER;
ALTER TABLE submissions ADD COLUMN sent_options TEXT;             -- JSON object: options that shape the request
ALTER TABLE submissions ADD COLUMN prompt_sha256 TEXT;            -- hex SHA-256 of system, one NUL byte, task prompt
