-- What a visitor may want to know about a model besides its answers (issue 19), as stated in the
-- config: all optional, NULL meaning "not stated". Kept with the model, so a model that leaves the
-- config keeps its page as it was.
ALTER TABLE models ADD COLUMN context_window INTEGER;   -- tokens per request, input and output together
ALTER TABLE models ADD COLUMN open_weights INTEGER;     -- 1: weights published, 0: not, NULL: not stated
ALTER TABLE models ADD COLUMN served_from TEXT;         -- where the arena calls it, in the operator's words
