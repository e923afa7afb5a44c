-- AutoBench on PostgreSQL, part 2 of 2: what the web and worker users may do, with Row Level
-- Security so that the web user sees only what the public site may show. Run it as the schema
-- owner (the user that runs the migrations), after the migrations and again after every upgrade;
-- the roles must exist first (part 1, ops/postgres-roles-create.sql, run by a superuser).
--
--   psql "postgresql://autobench@db.example.org/autobench" -v ON_ERROR_STOP=1 \
--     -c "SET autobench.web_role = 'autobench_web'" -c "SET autobench.worker_role = 'autobench_worker'" \
--     -f ops/postgres-roles.sql
--
-- Idempotent: it revokes what the two roles hold on every table and grants the lists below afresh,
-- and drops and re-creates its own policies (all named autobench_*).
--
-- web (serve --roles web): reads only what the site shows. Row Level Security hides unpublished
--   and rejected tasks, answers of those tasks and hidden answers (with their renders, artifacts and
--   artifact bytes), and every server secret but the one that signs battle tickets ('voting'). It
--   cannot read the call ledger (provider_calls), the audit log or operator sessions. It writes only
--   the vote path: battles (insert; used_at alone may change), votes (insert), vote_tallies, pair_counts,
--   and the 'voting' secret on first use, and it alone may execute autobench_cast_vote (a vote in one
--   call). It cannot delete anything.
-- worker (run-day, schedule, serve --roles scheduler,worker): reads and writes the pipeline's
--   tables (models, tasks, submissions, the ledger, renders, artifacts, blobs, rating snapshots, the
--   run history), deletes artifact rows (a re-render), reads battles, votes and model switches. No
--   server secret, no session, no audit log; it cannot change a vote.
-- A table not named here (added by a later migration) gets nothing for web, and SELECT, INSERT,
-- UPDATE for the worker, until this script names it.

DO $grants$
DECLARE
    web    text := coalesce(nullif(current_setting('autobench.web_role', true), ''), 'autobench_web');
    worker text := coalesce(nullif(current_setting('autobench.worker_role', true), ''), 'autobench_worker');
    schema text := current_schema();
    -- The vote path's tables: the worker only reads battles and votes (ratings come from votes).
    web_reads     text[] := ARRAY['models', 'tasks', 'submissions', 'render_results', 'artifacts', 'blobs', 'battles',
                                  'votes', 'vote_tallies', 'rating_snapshots', 'server_secrets', 'model_overrides',
                                  'stage_runs', 'pair_counts', 'work_requests', 'flyway_schema_history'];
    worker_writes text[] := ARRAY['models', 'tasks', 'submissions', 'provider_calls', 'render_results', 'artifacts',
                                  'blobs', 'rating_snapshots', 'stage_runs', 'work_requests'];
    worker_reads  text[] := ARRAY['battles', 'votes', 'model_overrides', 'flyway_schema_history'];
    -- Nobody but the owner: operator sessions, the audit log; vote_tallies and server_secrets are the web's.
    owner_only    text[] := ARRAY['admin_sessions', 'audit_log', 'vote_tallies', 'pair_counts', 'server_secrets'];
    t      text;
    p      record;
BEGIN
    IF web = worker THEN
        RAISE EXCEPTION 'the web and worker roles must differ (both are %)', web;
    END IF;
    FOREACH t IN ARRAY ARRAY[web, worker] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = t) THEN
            RAISE EXCEPTION 'role % does not exist: a superuser creates it first with ops/postgres-roles-create.sql '
                '(docs/postgres-roles.md)', t;
        END IF;
    END LOOP;
    IF to_regclass(format('%I.tasks', schema)) IS NULL THEN
        RAISE EXCEPTION 'no AutoBench tables in schema %: run the migrations first (start AutoBench once as this user)', schema;
    END IF;

    -- CONNECT is PUBLIC's by default; grant it explicitly where we may (the database's owner).
    IF pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), web, worker);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I', schema, web, worker);
    -- Before PostgreSQL 15 every user could create tables in public; nobody but the owner should.
    IF pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = schema), 'USAGE') THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', schema);
    END IF;

    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = schema LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I.%I FROM %I, %I', schema, t, web, worker);
        IF t = ANY (web_reads) THEN
            EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I', schema, t, web);
        END IF;
        IF t = ANY (worker_writes) THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE ON TABLE %I.%I TO %I', schema, t, worker);
        ELSIF t = ANY (worker_reads) THEN
            EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I', schema, t, worker);
        ELSIF NOT (t = ANY (web_reads) OR t = ANY (owner_only)) THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE ON TABLE %I.%I TO %I', schema, t, worker);
        END IF;
    END LOOP;

    -- The web's writes: the vote path only (vote/VoteStore.java).
    EXECUTE format('GRANT INSERT ON TABLE %I.battles, %I.votes, %I.vote_tallies, %I.server_secrets TO %I',
                   schema, schema, schema, schema, web);
    EXECUTE format('GRANT UPDATE (used_at) ON TABLE %I.battles TO %I', schema, web);
    EXECUTE format('GRANT UPDATE ON TABLE %I.vote_tallies TO %I', schema, web);
    -- The per-pair vote counts that make battle selection constant-time (V8), raised with each vote.
    EXECUTE format('GRANT INSERT, UPDATE ON TABLE %I.pair_counts TO %I', schema, web);
    -- A vote in one call (V16): PostgreSQL lets everyone (PUBLIC) execute a new function; only the web may.
    -- It runs with the caller's rights, so the grants above still decide what it writes.
    FOR p IN SELECT oid::regprocedure AS f FROM pg_proc
             WHERE pronamespace = schema::regnamespace AND proname = 'autobench_cast_vote' LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, %I, %I', p.f, web, worker);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', p.f, web);
    END LOOP;
    -- Work a web-only process hands on to the workers: cron stages and operator re-sends (V7).
    EXECUTE format('GRANT INSERT ON TABLE %I.work_requests TO %I', schema, web);
    EXECUTE format('GRANT DELETE ON TABLE %I.artifacts TO %I', schema, worker);

    -- Row Level Security. The owner is not subject to it (no FORCE), so migrations and operator
    -- commands see everything; the worker gets a policy that lets it see and write every row.
    FOR p IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = schema AND policyname LIKE 'autobench\_%' LOOP
        EXECUTE format('DROP POLICY %I ON %I.%I', p.policyname, schema, p.tablename);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['tasks', 'submissions', 'render_results', 'artifacts', 'blobs', 'server_secrets'] LOOP
        EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', schema, t);
        IF t <> 'server_secrets' THEN
            EXECUTE format('CREATE POLICY autobench_worker_all ON %I.%I TO %I USING (true) WITH CHECK (true)', schema, t, worker);
        END IF;
    END LOOP;

    -- Tasks: published ones only (not proposed, approved, dispatched, rejected).
    EXECUTE format($p$CREATE POLICY autobench_web_published ON %I.tasks FOR SELECT TO %I
                      USING (status = 'published')$p$, schema, web);
    -- Answers: not hidden by an operator, and of a task the web may see (the subquery is itself
    -- filtered by the tasks policy). Renders, artifacts and bytes follow the answers they belong to.
    EXECUTE format($p$CREATE POLICY autobench_web_shown ON %I.submissions FOR SELECT TO %I
                      USING (hidden = 0 AND task_id IN (SELECT id FROM %I.tasks))$p$, schema, web, schema);
    EXECUTE format($p$CREATE POLICY autobench_web_shown ON %I.render_results FOR SELECT TO %I
                      USING (submission_id IN (SELECT id FROM %I.submissions))$p$, schema, web, schema);
    EXECUTE format($p$CREATE POLICY autobench_web_shown ON %I.artifacts FOR SELECT TO %I
                      USING (submission_id IN (SELECT id FROM %I.submissions))$p$, schema, web, schema);
    EXECUTE format($p$CREATE POLICY autobench_web_shown ON %I.blobs FOR SELECT TO %I
                      USING (EXISTS (SELECT 1 FROM %I.artifacts a WHERE a.sha256 = blobs.sha256))$p$, schema, web, schema);
    -- BLIND UNTIL REVEAL (issue 18): the place for the rule that keeps a task's answers unnamed (or
    -- unseen) while it is still blind. A RESTRICTIVE policy is ANDed with the ones above; today it
    -- lets every row through. Replace "true" with the blind rule when it exists, on submissions (and
    -- on tasks if whole tasks stay hidden).
    EXECUTE format($p$CREATE POLICY autobench_web_blind_until_reveal ON %I.submissions AS RESTRICTIVE FOR SELECT TO %I
                      USING (true)$p$, schema, web);
    -- Secrets: only the one that seals battle tickets and keys address hashes (vote/Battles.java) and
    -- the one that orders a blind task's answers under their labels (gallery/Labels.java).
    EXECUTE format($p$CREATE POLICY autobench_web_voting_secret ON %I.server_secrets FOR SELECT TO %I
                      USING (name IN ('voting', 'answer-labels'))$p$, schema, web);
    EXECUTE format($p$CREATE POLICY autobench_web_voting_secret_insert ON %I.server_secrets FOR INSERT TO %I
                      WITH CHECK (name IN ('voting', 'answer-labels'))$p$, schema, web);

    -- The seed's integrity views (V3): with security_invoker (PostgreSQL 15+) they read with the
    -- caller's rights, so the web user sees them through its policies; before 15 a view reads with
    -- its owner's rights, so only the worker gets them there.
    FOR t IN SELECT viewname FROM pg_views WHERE schemaname = schema LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I.%I FROM %I, %I', schema, t, web, worker);
        EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I', schema, t, worker);
        IF current_setting('server_version_num')::int >= 150000 THEN
            EXECUTE format('ALTER VIEW %I.%I SET (security_invoker = true)', schema, t);
            EXECUTE format('GRANT SELECT ON TABLE %I.%I TO %I', schema, t, web);
        END IF;
    END LOOP;
END
$grants$;
