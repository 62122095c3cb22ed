-- Certificates citizens had issued. Each is kept whole as JSON (its claims, sources and both
-- signed forms, long strings, kept out of every index); the columns are what it is found
-- and revoked by. A verifier's request names the certificate, not the subject, and
-- certificates are few beside records, so the table is not partitioned.
CREATE TABLE certificates (
    id           bytea PRIMARY KEY,            -- the certificate's 10 random bytes
    subject      bytea NOT NULL,
    status_index bigint NOT NULL UNIQUE,       -- its position in the issuer's status list
    issued_at    timestamptz NOT NULL,
    revoked_at   timestamptz,
    body         jsonb NOT NULL
);

CREATE INDEX certificates_by_subject ON certificates (subject, issued_at);

-- The issuer's status list: the positions handed out, across every server on the database.
-- A position taken by a transaction that rolls back is not given again (a gap in the list).
-- Positions are 32-bit, and the list's length must be one too.
CREATE SEQUENCE certificate_status_index AS bigint MINVALUE 0 MAXVALUE 4294967294 START WITH 0;
