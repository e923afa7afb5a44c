-- AutoBench on PostgreSQL with least privilege: one database user for the web processes, one for
-- the workers (scheduler, dispatch, render, snapshots). The schema stays owned by the user that
-- runs the migrations; neither role below can change it.
--
--   web:    reads every table; inserts battles and votes; may set battles.used_at (the one UPDATE
--           the vote path makes) and, once the voting migrations are in, keep the per-day vote
--           tallies and the per-pair vote counts (V8) and create the shared server secrets;
--           inserts work_requests (work it hands on, V7). Nothing else: it cannot touch a task,
--           a submission, the ledger or a rating, and it cannot delete anything.
--   worker: reads every table; inserts and updates the pipeline's tables; deletes only artifact
--           rows (an operator re-render); only reads battles and votes.
--
-- Run it as the schema owner, after the migrations, and again after every upgrade (new tables get
-- their grants only when it runs). It is idempotent: it creates missing roles, revokes what the
-- two roles hold on the tables and grants the list below afresh. Role names are parameters:
--
--   psql "$OWNER_URL" -v ON_ERROR_STOP=1 \
--     -c "SET autobench.web_role = 'autobench_web'" -c "SET autobench.worker_role = 'autobench_worker'" \
--     -f ops/postgres-roles.sql
--
-- Unset names default to autobench_web and autobench_worker. The roles are created with LOGIN
-- and no password; set one with \password in psql (or use certificates / pg_hba rules).

DO $roles$
DECLARE
    web    text := coalesce(nullif(current_setting('autobench.web_role', true), ''), 'autobench_web');
    worker text := coalesce(nullif(current_setting('autobench.worker_role', true), ''), 'autobench_worker');
    schema text := current_schema();
    r      text;
    t      text;
BEGIN
    IF web = worker THEN
        RAISE EXCEPTION 'the web and worker roles must differ (both are %)', web;
    END IF;
    FOREACH r IN ARRAY ARRAY[web, worker] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', r);
        END IF;
    END LOOP;

    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), web, worker);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I', schema, web, worker);
    -- Before PostgreSQL 15 every user could create tables in public; nobody but the owner should.
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', schema);

    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = schema LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I.%I FROM %I, %I', schema, t, web, worker);
        EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I, %I', schema, t, web, worker);
        IF t NOT IN ('battles', 'votes', 'vote_tallies', 'pair_counts', 'flyway_schema_history') THEN
            EXECUTE format('GRANT INSERT, UPDATE ON TABLE %I.%I TO %I', schema, t, worker);
        END IF;
    END LOOP;

    -- The seed's integrity views (V3), so that either user can run the operator's queries.
    FOR t IN SELECT viewname FROM pg_views WHERE schemaname = schema LOOP
        EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I, %I', schema, t, web, worker);
    END LOOP;

    EXECUTE format('GRANT INSERT ON TABLE %I.battles, %I.votes TO %I', schema, schema, web);
    EXECUTE format('GRANT UPDATE (used_at) ON TABLE %I.battles TO %I', schema, web);
    EXECUTE format('GRANT DELETE ON TABLE %I.artifacts TO %I', schema, worker);
    IF to_regclass(format('%I.vote_tallies', schema)) IS NOT NULL THEN
        EXECUTE format('GRANT INSERT, UPDATE ON TABLE %I.vote_tallies TO %I', schema, web);
    END IF;
    -- A web-only process hands cron stages and operators' re-sends to the workers (V7).
    IF to_regclass(format('%I.work_requests', schema)) IS NOT NULL THEN
        EXECUTE format('GRANT INSERT ON TABLE %I.work_requests TO %I', schema, web);
    END IF;
    IF to_regclass(format('%I.pair_counts', schema)) IS NOT NULL THEN
        EXECUTE format('GRANT INSERT, UPDATE ON TABLE %I.pair_counts TO %I', schema, web);
    END IF;
    IF to_regclass(format('%I.server_secrets', schema)) IS NOT NULL THEN
        EXECUTE format('GRANT INSERT ON TABLE %I.server_secrets TO %I', schema, web);
    END IF;
END
$roles$;
