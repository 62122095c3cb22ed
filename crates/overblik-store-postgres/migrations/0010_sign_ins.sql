-- How each citizen signed in: when, through which identity provider, on what kind of device
-- (a browser and a system, never the whole user agent or an address). The latest 50 of each
-- citizen are kept. A session's own sign-in is found by its key. Sign-ins are few beside
-- records, so the table is not partitioned.
CREATE TABLE sign_ins (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject           bytea NOT NULL,
    at                timestamptz NOT NULL,
    session           bytea NOT NULL,
    identity_provider text NOT NULL,
    device            text NOT NULL
);

CREATE INDEX sign_ins_by_subject ON sign_ins (subject, at);
CREATE INDEX sign_ins_by_session ON sign_ins (session);

-- A citizen's sessions are listed, and all but one ended, by the subject.
CREATE INDEX sessions_by_subject ON sessions (subject);
