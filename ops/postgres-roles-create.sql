-- AutoBench on PostgreSQL, part 1 of 2: the two login roles. Run it as a superuser (or a role
-- with CREATEROLE), once per cluster; roles belong to the cluster, not to a database, so the
-- schema owner usually cannot create them. Part 2, ops/postgres-roles.sql, is run by the schema
-- owner after the migrations and grants these roles what they may do.
--
--   psql "postgresql://postgres@db.example.org/postgres" -v ON_ERROR_STOP=1 \
--     -c "SET autobench.web_role = 'autobench_web'" -c "SET autobench.worker_role = 'autobench_worker'" \
--     -f ops/postgres-roles-create.sql
--
-- Unset names default to autobench_web and autobench_worker. Idempotent: existing roles are left
-- as they are. The roles get LOGIN and nothing else (no password: set one with \password, or use
-- certificates / pg_hba rules), and are no member of any other role.

DO $create$
DECLARE
    web    text := coalesce(nullif(current_setting('autobench.web_role', true), ''), 'autobench_web');
    worker text := coalesce(nullif(current_setting('autobench.worker_role', true), ''), 'autobench_worker');
    r      text;
BEGIN
    IF web = worker THEN
        RAISE EXCEPTION 'the web and worker roles must differ (both are %)', web;
    END IF;
    FOREACH r IN ARRAY ARRAY[web, worker] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT', r);
        END IF;
    END LOOP;
END
$create$;
