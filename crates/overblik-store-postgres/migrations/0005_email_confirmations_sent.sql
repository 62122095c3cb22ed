-- When confirmation e-mails were asked for, by citizen and by address, kept a day: what the
-- limits on confirmation e-mails count, whichever server was asked. The address is kept
-- only as the SHA-256 of its lower-case form.
CREATE TABLE email_confirmations_sent (
    subject     bytea NOT NULL,
    address_key bytea NOT NULL,
    sent_at     timestamptz NOT NULL
);

CREATE INDEX email_confirmations_sent_by_subject ON email_confirmations_sent (subject, sent_at);
CREATE INDEX email_confirmations_sent_by_address ON email_confirmations_sent (address_key, sent_at);
CREATE INDEX email_confirmations_sent_by_time ON email_confirmations_sent (sent_at);
