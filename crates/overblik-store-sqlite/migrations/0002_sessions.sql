-- Citizens' sessions. The cookie carries a random token; only its SHA-256 is kept here.
CREATE TABLE sessions (
    key          BLOB PRIMARY KEY,
    subject      BLOB NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    previous_visit INTEGER
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

-- When each citizen last signed in, to show what changed since.
CREATE TABLE visits (
    subject    BLOB PRIMARY KEY,
    visited_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
