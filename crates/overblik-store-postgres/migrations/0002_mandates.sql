-- Powers of attorney: a grantor lets a holder see part of their overview, within a scope
-- (a JSON object of areas and kinds), from one Danish day to another. Few rows, each found
-- by id, grantor or holder, so the table is not partitioned.
CREATE TABLE mandates (
    id            uuid PRIMARY KEY,
    grantor       bytea NOT NULL,
    grantor_name  text NOT NULL,
    holder        bytea NOT NULL,
    holder_name   text NOT NULL,
    scope         text NOT NULL,
    permission    text NOT NULL,
    valid_from    date NOT NULL,
    valid_until   date NOT NULL,
    granted_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    revoked_at    timestamptz,
    first_used_at timestamptz
);

CREATE INDEX mandates_by_grantor ON mandates (grantor, granted_at);
CREATE INDEX mandates_by_holder ON mandates (holder, granted_at);
