-- Entries durable but not yet given their leaves. The integrator moves them into
-- access_entries with their leaves, in the order of their ids, and signs a checkpoint over
-- the tree with them, in one transaction.
CREATE TABLE access_pending (
    id           INTEGER PRIMARY KEY,
    subject      BLOB NOT NULL,
    at           INTEGER NOT NULL,
    actor_id     TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    hidden_until INTEGER,
    salt         BLOB NOT NULL,
    entry        TEXT NOT NULL,
    commitment   BLOB NOT NULL
) STRICT;

CREATE INDEX access_pending_by_subject ON access_pending (subject, id);
