-- A vote's two inserts no longer lock the rows they point at.
--
-- A foreign key check takes FOR KEY SHARE on the referenced row. Every vote's battle row pointed at
-- its task and its two submissions, and its vote row at the task and both models: a handful of
-- rows that every concurrent vote locked. Two transactions share-locking one row turn its lock into
-- a multixact, and under load each vote created or extended several (bench/load.sh, auto_explain:
-- battle inserts of 0.1 ms spending 100–180 ms in their checks, eight at once).
--
-- What the constraints guarded is kept by the writes themselves: the application reads both
-- submissions (task and model) before the call and refuses a ticket whose answers are not of its
-- task; tasks, submissions and models are never deleted; `autobench verify` reports any battle or
-- vote whose task, submission or model is missing. The vote still references its battle (the row the
-- same call inserts, locked by nobody else). SQLite keeps all its constraints: one writer, no
-- share locks.
ALTER TABLE battles DROP CONSTRAINT IF EXISTS battles_task_id_fkey;
ALTER TABLE battles DROP CONSTRAINT IF EXISTS battles_left_submission_fkey;
ALTER TABLE battles DROP CONSTRAINT IF EXISTS battles_right_submission_fkey;
ALTER TABLE votes DROP CONSTRAINT IF EXISTS votes_task_id_fkey;
ALTER TABLE votes DROP CONSTRAINT IF EXISTS votes_left_model_fkey;
ALTER TABLE votes DROP CONSTRAINT IF EXISTS votes_right_model_fkey;
