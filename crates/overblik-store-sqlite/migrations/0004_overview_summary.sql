-- The overview reads a citizen's tallies by area and kind, the records that may need
-- attention and what arrived since the last visit, without decoding every record.

-- Until when the record may need the citizen's attention (Unix milliseconds): the smallest
-- integer for never, the largest for as long as the record stands as it is. NULL on deletion
-- markers, and on rows stored before this column, until the store fills it in at start.
ALTER TABLE records ADD COLUMN attention_until INTEGER;

-- One subject's records in one stretch of the index, with everything the tallies and the
-- attention and "since your last visit" filters look at, so these read the index alone.
DROP INDEX records_by_subject;
CREATE INDEX records_by_subject ON records
    (subject, area, kind, source_updated_at, hidden_until, stored_at, attention_until);
