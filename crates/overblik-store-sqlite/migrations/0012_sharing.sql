-- Sharing by consent. The recipients the operator registered, each kept whole as JSON.
CREATE TABLE recipients (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
) STRICT;

-- What the authorization server keeps between the steps of a recipient's request (a pushed
-- request, a code), found by the SHA-256 of the handle the recipient holds. Short-lived:
-- expired rows are cleared away as new ones are written.
CREATE TABLE oauth_grants (
    handle     BLOB PRIMARY KEY,
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX oauth_grants_by_expiry ON oauth_grants (expires_at);

-- The consents citizens gave recipients: what they cover (terms, as JSON), who gave them for
-- the subject (as JSON, when not the subject), and the SHA-256 of the refresh token issued
-- last, which each refresh replaces.
CREATE TABLE consents (
    id            BLOB PRIMARY KEY,
    subject       BLOB NOT NULL,
    recipient     TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    terms         TEXT NOT NULL,
    given_at      INTEGER NOT NULL,
    given_by      TEXT,
    revoked_at    INTEGER,
    first_used_at INTEGER,
    last_used_at  INTEGER,
    refresh_hash  BLOB
) STRICT;

CREATE INDEX consents_by_subject ON consents (subject, given_at);
