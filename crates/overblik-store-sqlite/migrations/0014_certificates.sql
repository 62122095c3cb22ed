-- Certificates citizens had issued. Each is kept whole as JSON (its claims, sources and both
-- signed forms, long strings); the columns are what it is found and revoked by.
CREATE TABLE certificates (
    id           BLOB PRIMARY KEY,           -- the certificate's 10 random bytes
    subject      BLOB NOT NULL,
    status_index INTEGER NOT NULL UNIQUE,    -- its position in the issuer's status list
    issued_at    INTEGER NOT NULL,
    revoked_at   INTEGER,
    body         TEXT NOT NULL
) STRICT;

CREATE INDEX certificates_by_subject ON certificates (subject, issued_at);

-- The issuer's status list: one row, the next position to hand out. Each position is handed
-- out by one UPDATE of it, so none twice. Positions are 32-bit, and the list's length must
-- be one too.
CREATE TABLE certificate_status_counter (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    next     INTEGER NOT NULL CHECK (next BETWEEN 0 AND 4294967295)
) STRICT;

INSERT INTO certificate_status_counter (only_row, next) VALUES (1, 0);
