-- The access log, in a database file of its own: each entry with the salt of its commitment,
-- the Merkle tree's stored hashes, and the checkpoints signed over them. Rows are only ever
-- added.
CREATE TABLE access_entries (
    leaf         INTEGER PRIMARY KEY,
    subject      BLOB NOT NULL,
    at           INTEGER NOT NULL,
    actor_id     TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    hidden_until INTEGER,
    salt         BLOB NOT NULL,
    entry        TEXT NOT NULL
) STRICT;

CREATE INDEX access_entries_by_subject ON access_entries (subject, leaf);

CREATE TABLE access_tree_hashes (
    position INTEGER PRIMARY KEY,
    hash     BLOB NOT NULL
) STRICT;

CREATE TABLE access_checkpoints (
    size      INTEGER PRIMARY KEY,
    note      TEXT NOT NULL,
    signed_at INTEGER NOT NULL
) STRICT;
