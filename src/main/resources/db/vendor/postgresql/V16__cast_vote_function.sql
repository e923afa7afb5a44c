-- A vote in one statement, in its own transaction (vote/VoteStore.java, PostgreSQL only).
--
-- A vote's writes (its battle row, the visitor's and the network's tally for the day, the vote,
-- the pair's counter) must all happen or none. Sent one by one from the application, each row a
-- write locks stays locked until the application's COMMIT arrives: under load, while the web
-- process waited its turn for a core, every vote on the same pair waited behind it (bench/load.sh
-- logged lock waits of up to half a second on pair_counts). Here the whole vote is one call: the
-- locks are held for the time the server takes to run it, and a vote costs one round trip.
--
-- A refusal changes nothing: the writes run in a block whose exception handler undoes them (a
-- savepoint), and the function returns why. The result is 'accepted', 'replayed' (this ticket
-- voted before, here or in another process), 'over_visitor_cap' or 'over_network_cap'.
--
-- The commit does not wait for the disk (synchronous_commit off for this transaction only; the
-- promise and its reasons are in docs/reliability.md, "Durability on PostgreSQL").
--
-- It runs with the caller's rights (not SECURITY DEFINER): the web user's grants on the four
-- tables still decide what it may write (ops/postgres-roles.sql).
CREATE FUNCTION autobench_cast_vote(
    p_battle            TEXT,
    p_task              TEXT,
    p_left_submission   TEXT,
    p_right_submission  TEXT,
    p_visitor           TEXT,
    p_issued_at         BIGINT,
    p_expires_at        BIGINT,
    p_now               BIGINT,
    p_day               TEXT,
    p_network_hash      TEXT,
    p_address_hash      TEXT,
    p_visitor_cap       INTEGER,
    p_network_cap       INTEGER,
    p_vote              TEXT,
    p_left_model        TEXT,
    p_right_model       TEXT,
    p_outcome           TEXT,
    p_simulated         INTEGER,
    p_model_a           TEXT,    -- the pair in the order the application sorts ids (not the collation's)
    p_model_b           TEXT,
    p_pair_shard        INTEGER
) RETURNS TEXT LANGUAGE plpgsql AS $cast$
DECLARE
    raised TEXT[];
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    BEGIN
        INSERT INTO battles (id, task_id, left_submission, right_submission, visitor, issued_at, expires_at, used_at)
        VALUES (p_battle, p_task, p_left_submission, p_right_submission, p_visitor, p_issued_at, p_expires_at, p_now)
        ON CONFLICT (id) DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'replayed';
        END IF;
        WITH t AS (
            INSERT INTO vote_tallies (scope, subject, day, votes)
            VALUES ('visitor', p_visitor, p_day, 1), ('network', p_network_hash, p_day, 1)
            ON CONFLICT (scope, subject, day) DO UPDATE SET votes = vote_tallies.votes + 1
            WHERE vote_tallies.votes < CASE vote_tallies.scope WHEN 'visitor' THEN p_visitor_cap ELSE p_network_cap END
            RETURNING scope
        ) SELECT coalesce(array_agg(scope), ARRAY[]::TEXT[]) INTO raised FROM t;
        IF NOT ('visitor' = ANY (raised)) THEN
            RAISE EXCEPTION 'over_visitor_cap';
        END IF;
        IF NOT ('network' = ANY (raised)) THEN
            RAISE EXCEPTION 'over_network_cap';
        END IF;
        INSERT INTO votes (id, battle_id, task_id, left_model, right_model, outcome, visitor, address_hash, network_hash,
                           cast_at, simulated)
        VALUES (p_vote, p_battle, p_task, p_left_model, p_right_model, p_outcome, p_visitor, p_address_hash,
                p_network_hash, p_now, p_simulated)
        ON CONFLICT (battle_id) DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'replayed';
        END IF;
        INSERT INTO pair_counts (model_a, model_b, shard, votes)
        VALUES (p_model_a, p_model_b, p_pair_shard, 1)
        ON CONFLICT (model_a, model_b, shard) DO UPDATE SET votes = pair_counts.votes + 1;
        RETURN 'accepted';
    EXCEPTION WHEN raise_exception THEN
        RETURN SQLERRM;
    END;
END
$cast$;
