-- The site's data version counts voided votes at every cache check (at most once per web.cache_check_ms):
-- without an index that count reads every vote, so its cost grew with the votes cast. Same dialect rules
-- as V1: what SQLite and PostgreSQL both accept.
CREATE INDEX votes_voided ON votes (voided_at);
