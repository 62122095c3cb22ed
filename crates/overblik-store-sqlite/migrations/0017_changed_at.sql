-- "Changed since your last visit" goes by what the citizen reads, not by version: a provider
-- that sends a record again with a new version and the same content changes nothing.

-- A fingerprint of the record's content (`Record::content_hash`); NULL on deletion markers,
-- and on rows stored before this column, until the store fills it in at start.
ALTER TABLE records ADD COLUMN content_hash INTEGER;
-- When the content last changed (Unix milliseconds): `stored_at` of the version that first
-- held this content.
ALTER TABLE records ADD COLUMN changed_at INTEGER;
UPDATE records SET changed_at = stored_at;

-- The subject's stretch of the index carries `changed_at` instead of `stored_at`, which
-- the overview no longer filters on, so "since your last visit" still reads the index alone.
DROP INDEX records_by_subject;
CREATE INDEX records_by_subject ON records
    (subject, area, kind, source_updated_at, hidden_until, changed_at, attention_until);

-- The rows still to fingerprint at start; empty once they are.
CREATE INDEX records_content_unknown ON records (seq)
    WHERE content_hash IS NULL AND body IS NOT NULL;
