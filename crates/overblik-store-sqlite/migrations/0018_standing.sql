-- Life events, recommendations and the glance read a citizen's standing records (open
-- cases, current benefits, valid register facts: `Record::standing`), sought straight
-- instead of among years of history.

-- Until when the record stands (Unix milliseconds, `Standing::end_millis`): the smallest
-- integer for never, the largest for open-ended. NULL on deletion markers, and on rows
-- stored before this column, until the store fills it in at start.
ALTER TABLE records ADD COLUMN stands_until INTEGER;
-- The few standing records by subject; queries repeat the condition literally so SQLite
-- can use the index.
CREATE INDEX records_standing ON records (subject, stands_until)
    WHERE stands_until > -9223372036854775808;
-- The rows still to work out at start; empty once they are.
CREATE INDEX records_standing_unknown ON records (seq)
    WHERE stands_until IS NULL AND body IS NOT NULL;
