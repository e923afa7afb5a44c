-- On PostgreSQL this version adds autobench_cast_vote, the function that makes a vote one call
-- (see the PostgreSQL migration of the same version). SQLite has no stored functions and needs
-- none: its writes are serialised in the process, and a vote's statements run in-process, with no
-- round trip. The version exists here too so that both databases report the same schema version
-- (exports say which one they came from).
SELECT 1;
