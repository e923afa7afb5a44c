-- Votes that cost a network, and battles that cost nothing until voted (docs/voting.md).
-- Same dialect rules as V1: what SQLite and PostgreSQL both accept.

-- The keyed hash of the voter's network (an IPv4 /24 or IPv6 /64 by default): what the network cap
-- counts and what an operator sees and voids by. NULL on votes cast before this migration.
ALTER TABLE votes ADD COLUMN network_hash TEXT;
CREATE INDEX votes_network ON votes (network_hash);
CREATE INDEX votes_visitor ON votes (visitor);

-- Votes per model pair (model_a < model_b), raised by every vote in its own transaction, so that
-- choosing the next battle reads one row per pair instead of counting every past battle.
CREATE TABLE pair_counts (
    model_a TEXT NOT NULL,
    model_b TEXT NOT NULL,
    votes   BIGINT NOT NULL,
    PRIMARY KEY (model_a, model_b)
);
INSERT INTO pair_counts (model_a, model_b, votes)
SELECT CASE WHEN left_model < right_model THEN left_model ELSE right_model END,
       CASE WHEN left_model < right_model THEN right_model ELSE left_model END,
       COUNT(*)
FROM votes
GROUP BY CASE WHEN left_model < right_model THEN left_model ELSE right_model END,
         CASE WHEN left_model < right_model THEN right_model ELSE left_model END;

-- Battles are no longer written when shown; rows from before, shown but never voted on, say nothing.
DELETE FROM battles WHERE used_at IS NULL AND id NOT IN (SELECT battle_id FROM votes);
