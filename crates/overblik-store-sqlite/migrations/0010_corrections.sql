-- Correction requests: a citizen asks an authority to correct or complete a record. The
-- request is kept whole as JSON (its steps, attachments' descriptions and answer); the
-- columns are what lists and queues find it by.
CREATE TABLE corrections (
    id                    BLOB PRIMARY KEY,
    subject               BLOB NOT NULL,
    provider_id           TEXT NOT NULL,
    sent_at               INTEGER NOT NULL,
    answered_at           INTEGER,
    state                 TEXT NOT NULL,
    revision              INTEGER NOT NULL,
    acknowledged_revision INTEGER NOT NULL,
    body                  TEXT NOT NULL
) STRICT;

CREATE INDEX corrections_by_subject ON corrections (subject, sent_at);
CREATE INDEX corrections_by_provider ON corrections (provider_id, sent_at);
-- What a provider has yet to acknowledge: the pull API's question.
CREATE INDEX corrections_unacknowledged ON corrections (provider_id, sent_at)
    WHERE acknowledged_revision < revision;

-- The files sent with a request, served only to its citizen and its authority.
CREATE TABLE correction_attachments (
    correction_id BLOB NOT NULL REFERENCES corrections (id),
    id            BLOB NOT NULL,
    bytes         BLOB NOT NULL,
    PRIMARY KEY (correction_id, id)
) STRICT;

-- Where a provider wants to be told of new and withdrawn requests.
CREATE TABLE provider_webhooks (
    provider_id TEXT PRIMARY KEY,
    url         TEXT NOT NULL
) STRICT;

-- The webhook outbox: one delivery per request revision, written with the change itself.
-- state: pending, delivered or dropped (the provider removed its webhook).
CREATE TABLE webhook_deliveries (
    id            BLOB PRIMARY KEY,
    provider_id   TEXT NOT NULL,
    correction_id BLOB NOT NULL,
    revision      INTEGER NOT NULL,
    state         TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    due_at        INTEGER NOT NULL,
    lease_until   INTEGER,
    last_error    TEXT,
    settled_at    INTEGER,
    UNIQUE (correction_id, revision)
) STRICT;

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'pending';
