-- The seed's second check: tasks created in the last 24 hours. The only statement that differs
-- between the databases (how to say "now"), so it lives in db/vendor/<database>/.
CREATE VIEW todays_tasks AS
    SELECT id, day, slot, title, category, status, created_at
    FROM tasks WHERE created_at > (CAST(strftime('%s', 'now') AS INTEGER) - 86400) * 1000;
