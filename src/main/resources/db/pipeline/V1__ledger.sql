-- The transmission ledger: one row per form, period and version (interfaces.md, "The ledger").
CREATE TABLE transmission (
    id            bigserial PRIMARY KEY,
    form          text        NOT NULL CHECK (form IN ('1-MEIZhM', '2-OZh')),
    period        char(7)     NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    version       int         NOT NULL CHECK (version BETWEEN 1 AND 9999),
    action        char(1)     NOT NULL CHECK (action IN ('N', 'R')),
    accumulation  text        NOT NULL CHECK (accumulation IN ('MONTH', 'YEAR_TO_DATE')),
    as_of         timestamptz NOT NULL,
    -- SHA-256 of the numbers (not of generation time); null when rejected before aggregation
    content_hash  char(64),
    -- [{"name": ..., "size": ..., "sha256": ...}] in upload order, the manifest last
    files         jsonb       NOT NULL DEFAULT '[]',
    findings      jsonb       NOT NULL DEFAULT '[]',
    status        text        NOT NULL CHECK (status IN ('BUILT', 'REJECTED', 'DELIVERING', 'DELIVERED', 'FAILED')),
    sftp_status   text        NOT NULL DEFAULT 'PENDING' CHECK (sftp_status IN ('PENDING', 'DONE', 'FAILED')),
    sftp_at       timestamptz,
    sftp_error    text,
    mail_status   text        NOT NULL DEFAULT 'PENDING' CHECK (mail_status IN ('PENDING', 'DONE', 'FAILED')),
    mail_at       timestamptz,
    mail_error    text,
    -- how many times this version's files went out (a resend adds one)
    deliveries    int         NOT NULL DEFAULT 0,
    trigger       text        NOT NULL CHECK (trigger IN ('SCHEDULE', 'CLI', 'JMX')),
    requested_by  text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (form, period, version)
);

-- Every state change, append-only: what happened to which version, when, why and at whose request.
CREATE TABLE transmission_event (
    id              bigserial PRIMARY KEY,
    transmission_id bigint      REFERENCES transmission (id),
    form            text        NOT NULL,
    period          char(7)     NOT NULL,
    event           text        NOT NULL,
    detail          text,
    trigger         text        NOT NULL,
    requested_by    text        NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transmission_event_form_period ON transmission_event (form, period, at);
