-- Notifications: each citizen's preferences, the outbox of notices, and calendar feeds.

-- One row per citizen who changed a default. The e-mail confirmation token is kept only as
-- its SHA-256 and only until it is used.
CREATE TABLE notification_preferences (
    subject            BLOB PRIMARY KEY,
    email              TEXT,
    email_confirmed_at INTEGER,
    email_token_hash   BLOB UNIQUE,
    email_token_at     INTEGER,
    in_product         INTEGER NOT NULL,
    topics             TEXT NOT NULL,       -- JSON array of topics
    lead_hours         INTEGER NOT NULL,
    language           TEXT NOT NULL,
    digest             INTEGER NOT NULL,
    email_details      INTEGER NOT NULL
) STRICT;

-- The outbox. A notice is written in the transaction of the change that causes it; `key`
-- makes the same event write it once. `due_at` is when the citizen is to be told;
-- `mail_due_at` is when the mail worker next takes it (later after a failed try or for a
-- digest), and `lease_until` keeps it from a second worker while one sends it.
CREATE TABLE notices (
    seq          INTEGER PRIMARY KEY,
    id           BLOB NOT NULL UNIQUE,
    subject      BLOB NOT NULL,
    happening    TEXT NOT NULL,
    key          TEXT NOT NULL UNIQUE,
    record_id    BLOB,
    title        TEXT,                      -- JSON {"da", "en"}
    moment       TEXT,                      -- RFC 3339 time or YYYY-MM-DD day
    moment_at    INTEGER,                   -- the instant reminders count back from
    created_at   INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    read_at      INTEGER,
    confirmation TEXT,                      -- JSON; only for e-mail confirmations, until sent
    mail_state   TEXT NOT NULL,
    mail_due_at  INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    lease_until  INTEGER,
    last_error   TEXT,
    sent_at      INTEGER
) STRICT;

CREATE INDEX notices_by_subject ON notices (subject, due_at DESC);
CREATE INDEX notices_by_record ON notices (record_id) WHERE record_id IS NOT NULL;
CREATE INDEX notices_for_mail ON notices (mail_due_at) WHERE mail_state IN ('pending', 'held');

CREATE TABLE calendar_feeds (
    subject    BLOB PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    made_at    INTEGER NOT NULL
) STRICT;
