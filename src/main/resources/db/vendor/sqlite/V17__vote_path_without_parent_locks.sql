-- On PostgreSQL this version drops the foreign keys of battles and votes to tasks, submissions and
-- models (their checks share-locked a few rows that every concurrent vote locked). SQLite keeps
-- them: one writer at a time, no share locks. The version exists here too so that both databases
-- report the same schema version (exports say which one they came from).
SELECT 1;
