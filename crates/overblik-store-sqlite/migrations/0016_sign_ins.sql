-- How each citizen signed in: when, through which identity provider, on what kind of device
-- (a browser and a system, never the whole user agent or an address). The latest 50 of each
-- citizen are kept. A session's own sign-in is found by its key.
CREATE TABLE sign_ins (
    subject           BLOB NOT NULL,
    at                INTEGER NOT NULL,
    session           BLOB NOT NULL,
    identity_provider TEXT NOT NULL,
    device            TEXT NOT NULL
) STRICT;

CREATE INDEX sign_ins_by_subject ON sign_ins (subject, at);
CREATE INDEX sign_ins_by_session ON sign_ins (session);

-- A citizen's sessions are listed, and all but one ended, by the subject.
CREATE INDEX sessions_by_subject ON sessions (subject);
