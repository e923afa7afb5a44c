-- What the renderer did for a page beyond loading it (e.g. "library substituted: three@0.160.0 →
-- three@0.160.1"), as a JSON array of strings; NULL for renders stored before this column existed.
ALTER TABLE render_results ADD COLUMN assists TEXT;
