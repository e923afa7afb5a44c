-- Each model pair's vote count, split over a few rows (shards) instead of one. Every vote raises
-- its pair's count in its own transaction, so with one row per pair all votes on a pair queued on
-- that row's lock until the vote before them committed: with a handful of models under load, most
-- votes waited (bench/load.sh measured waits up to half a second). A vote now raises the shard its
-- battle id picks; the count of a pair is the sum of its shards. Altered in place: the table keeps
-- its grants (ops/postgres-roles.sql).
ALTER TABLE pair_counts ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pair_counts DROP CONSTRAINT pair_counts_pkey;
ALTER TABLE pair_counts ADD PRIMARY KEY (model_a, model_b, shard);
