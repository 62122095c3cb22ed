-- What each citizen chose about their own overview: pinned and hidden areas, pinned records,
-- hidden recommendations and the life events they chose. Kept whole as JSON, since it is
-- always read and written as one; one small row a citizen, found by the subject alone, so
-- the table is not partitioned.
CREATE TABLE overview_choices (
    subject bytea PRIMARY KEY,
    body    jsonb NOT NULL
);
