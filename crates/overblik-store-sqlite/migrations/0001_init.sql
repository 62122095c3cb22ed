-- Overblik's embedded store. Times are Unix milliseconds (UTC).

CREATE TABLE providers (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    public_keys     TEXT NOT NULL,      -- JSON array of public JWKs, as text
    classifications TEXT NOT NULL,      -- JSON array of classification prefixes
    homepage        TEXT,
    registered_at   INTEGER NOT NULL
) STRICT;

-- One row per (provider, provider's record id). A deleted record keeps its row, without
-- subject or content, so that a late, older version cannot bring it back.
CREATE TABLE records (
    seq               INTEGER PRIMARY KEY,
    id                BLOB NOT NULL UNIQUE,     -- Overblik's record id (UUID)
    provider_id       TEXT NOT NULL REFERENCES providers (id),
    source_id         TEXT NOT NULL,
    version           INTEGER NOT NULL,
    subject           BLOB,                     -- HMAC of the national identifier; NULL once deleted
    area              TEXT,
    kind              TEXT,
    source_updated_at INTEGER,
    hidden_until      INTEGER,
    stored_at         INTEGER NOT NULL,
    body              TEXT,                     -- the record as JSON; NULL once deleted
    UNIQUE (provider_id, source_id)
) STRICT;

-- The citizen's hot path: one subject's records, newest change first.
CREATE INDEX records_by_subject ON records (subject, source_updated_at DESC);

CREATE TABLE idempotency_keys (
    provider_id  TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    receipt      TEXT NOT NULL,                 -- the first answer, as JSON
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (provider_id, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Client assertion ids (jti) seen, kept until the assertion expires.
CREATE TABLE assertion_ids (
    provider_id TEXT NOT NULL,
    jti         TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (provider_id, jti)
) STRICT, WITHOUT ROWID;
