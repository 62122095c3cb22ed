-- Correction requests: a citizen asks an authority to correct or complete a record. The
-- request is kept whole as JSON (its steps, attachments' descriptions and answer); the
-- columns are what lists and queues find it by. Requests are few beside records and are
-- found by id (an authority's answer names no subject), so the table is not partitioned.
CREATE TABLE corrections (
    id                    uuid PRIMARY KEY,
    subject               bytea NOT NULL,
    provider_id           text NOT NULL,
    sent_at               timestamptz NOT NULL,
    answered_at           timestamptz,
    state                 text NOT NULL,
    revision              bigint NOT NULL,
    acknowledged_revision bigint NOT NULL,
    body                  jsonb NOT NULL
);

CREATE INDEX corrections_by_subject ON corrections (subject, sent_at);
CREATE INDEX corrections_by_provider ON corrections (provider_id, sent_at);
-- What a provider has yet to acknowledge: the pull API's question.
CREATE INDEX corrections_unacknowledged ON corrections (provider_id, sent_at)
    WHERE acknowledged_revision < revision;

-- The files sent with a request, served only to its citizen and its authority.
CREATE TABLE correction_attachments (
    correction_id uuid NOT NULL REFERENCES corrections (id),
    id            uuid NOT NULL,
    bytes         bytea NOT NULL,
    PRIMARY KEY (correction_id, id)
);

-- Where a provider wants to be told of new and withdrawn requests.
CREATE TABLE provider_webhooks (
    provider_id text PRIMARY KEY,
    url         text NOT NULL
);

-- The webhook outbox: one delivery per request revision, written with the change itself.
-- state: pending, delivered or dropped (the provider removed its webhook).
CREATE TABLE webhook_deliveries (
    id            uuid PRIMARY KEY,
    provider_id   text NOT NULL,
    correction_id uuid NOT NULL,
    revision      bigint NOT NULL,
    state         text NOT NULL,
    attempts      bigint NOT NULL DEFAULT 0,
    due_at        timestamptz NOT NULL,
    lease_until   timestamptz,
    last_error    text,
    settled_at    timestamptz,
    UNIQUE (correction_id, revision)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'pending';
