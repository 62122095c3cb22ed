-- What each citizen chose about their own overview: pinned and hidden areas, pinned records,
-- hidden recommendations and the life events they chose. Kept whole as JSON, since it is
-- always read and written as one.
CREATE TABLE overview_choices (
    subject BLOB PRIMARY KEY,
    body    TEXT NOT NULL
) STRICT;
