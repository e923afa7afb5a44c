-- Each model pair's vote count, split over a few rows (shards) instead of one, as on PostgreSQL
-- (see the PostgreSQL migration of the same version for why). SQLite writes one transaction at a
-- time, so the shards change nothing here but keep one table shape and one query for both.
-- SQLite cannot change a primary key in place, so the table is rebuilt (nothing references it).
CREATE TABLE pair_counts_v15 (
    model_a TEXT NOT NULL,
    model_b TEXT NOT NULL,
    shard   INTEGER NOT NULL DEFAULT 0,
    votes   BIGINT NOT NULL,
    PRIMARY KEY (model_a, model_b, shard)
);
INSERT INTO pair_counts_v15 (model_a, model_b, shard, votes) SELECT model_a, model_b, 0, votes FROM pair_counts;
DROP TABLE pair_counts;
ALTER TABLE pair_counts_v15 RENAME TO pair_counts;
