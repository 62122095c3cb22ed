-- Powers of attorney: a grantor lets a holder see part of their overview, within a scope
-- (a JSON object of areas and kinds), from one Danish day to another (YYYY-MM-DD).
CREATE TABLE mandates (
    id            BLOB PRIMARY KEY,
    grantor       BLOB NOT NULL,
    grantor_name  TEXT NOT NULL,
    holder        BLOB NOT NULL,
    holder_name   TEXT NOT NULL,
    scope         TEXT NOT NULL,
    permission    TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_until   TEXT NOT NULL,
    granted_at    INTEGER NOT NULL,
    accepted_at   INTEGER,
    revoked_at    INTEGER,
    first_used_at INTEGER
) STRICT;

CREATE INDEX mandates_by_grantor ON mandates (grantor, granted_at);
CREATE INDEX mandates_by_holder ON mandates (holder, granted_at);
