-- Life events, recommendations and the glance read a citizen's standing records (open
-- cases, current benefits, valid register facts: `Record::standing`), sought straight
-- instead of among years of history.

-- Until when the record stands (Unix milliseconds, `Standing::end_millis`): the smallest
-- bigint for never, the largest for open-ended. NULL on rows stored before this column,
-- until the store fills it in at start.
ALTER TABLE records ADD COLUMN stands_until bigint;
-- A server of the version before, still running while the others are upgraded, writes rows
-- without it: they count as open-ended, so they are read, and the rules, which look at the
-- record itself, decide. Rows already here keep NULL until the store fills them in.
ALTER TABLE records ALTER COLUMN stands_until SET DEFAULT 9223372036854775807;
CREATE INDEX records_standing ON records (subject, stands_until)
    WHERE stands_until > -9223372036854775808;
CREATE INDEX records_standing_unknown ON records (seq) WHERE stands_until IS NULL;
