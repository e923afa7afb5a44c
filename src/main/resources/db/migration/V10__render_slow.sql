-- The "slow" check (issue 20): the page was too slow to draw frame by frame, so it was drawn with
-- coarser frames or its render was cut short with its last complete frame kept. NULL: rendered
-- before the check existed.
ALTER TABLE render_results ADD COLUMN slow INTEGER;
