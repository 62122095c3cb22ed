-- Entries durable but not yet given their leaves, written by any server. The one integrator
-- (the server holding the log's advisory lock) moves them into access_entries with their
-- leaves, adds the tree's hashes and signs a checkpoint, in one transaction. Ids come from a
-- sequence, so they need not be committed in their order: the integrator takes what is
-- committed, and an entry committed late gets a later leaf.
CREATE TABLE access_pending (
    id           bigserial PRIMARY KEY,
    subject      bytea NOT NULL,
    at           timestamptz NOT NULL,
    actor_id     text NOT NULL,
    purpose      text NOT NULL,
    hidden_until timestamptz,
    salt         bytea NOT NULL,
    entry        text NOT NULL,
    commitment   bytea NOT NULL
);

CREATE INDEX access_pending_by_subject ON access_pending (subject, id);
