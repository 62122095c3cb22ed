-- Sharing by consent. The recipients the operator registered, each kept whole as JSON.
CREATE TABLE recipients (
    id   text PRIMARY KEY,
    body jsonb NOT NULL
);

-- What the authorization server keeps between the steps of a recipient's request (a pushed
-- request, a code), found by the SHA-256 of the handle the recipient holds. Short-lived:
-- expired rows are cleared away as new ones are written.
CREATE TABLE oauth_grants (
    handle     bytea PRIMARY KEY,
    recipient  text NOT NULL,
    body       text NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX oauth_grants_by_expiry ON oauth_grants (expires_at);

-- The consents citizens gave recipients: what they cover (terms, as JSON), who gave them for
-- the subject (as JSON, when not the subject), and the SHA-256 of the refresh token issued
-- last, which each refresh replaces. A recipient's request names the consent, not the
-- subject, and consents are few beside records, so the table is not partitioned.
CREATE TABLE consents (
    id            uuid PRIMARY KEY,
    subject       bytea NOT NULL,
    recipient     text NOT NULL,
    purpose       text NOT NULL,
    terms         jsonb NOT NULL,
    given_at      timestamptz NOT NULL,
    given_by      jsonb,
    revoked_at    timestamptz,
    first_used_at timestamptz,
    last_used_at  timestamptz,
    refresh_hash  bytea
);

CREATE INDEX consents_by_subject ON consents (subject, given_at);
