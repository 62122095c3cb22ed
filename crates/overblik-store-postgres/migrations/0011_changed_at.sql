-- "Changed since your last visit" goes by what the citizen reads, not by version: a provider
-- that sends a record again with a new version and the same content changes nothing.

-- A fingerprint of the record's content (`Record::content_hash`); NULL on rows stored before
-- this column, until the store fills it in at start.
ALTER TABLE records ADD COLUMN content_hash bigint;
-- When the content last changed: `stored_at` of the version that first held this content.
ALTER TABLE records ADD COLUMN changed_at timestamptz;
UPDATE records SET changed_at = stored_at;
-- A server of the version before, still running while the others are upgraded, writes rows
-- without it: they count as changed when written.
ALTER TABLE records ALTER COLUMN changed_at SET DEFAULT now();
ALTER TABLE records ALTER COLUMN changed_at SET NOT NULL;

-- The summary's index carries `changed_at` instead of `stored_at`, which the overview no
-- longer filters on.
DROP INDEX records_summary;
CREATE INDEX records_summary ON records (subject, area, kind)
    INCLUDE (source_updated_at, hidden_until, changed_at, attention_until);

-- The rows still to fingerprint at start; empty once they are.
CREATE INDEX records_content_unknown ON records (seq) WHERE content_hash IS NULL;
