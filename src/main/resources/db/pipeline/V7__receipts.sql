-- What the bureau answered (docs/receipts.md): every receipt read, as one row, whatever it turned out
-- to be. A receipt is recorded once across every instance and every rereading of its source: its
-- source_key is unique (an acknowledgement file's name and SHA-256; a mail's Message-ID and recipient).
-- Rows are only ever added; the raw bytes stay in the outbox under raw_path.
CREATE TABLE receipt (
    id               bigserial   PRIMARY KEY,
    source_key       text        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('DSN', 'MDN', 'ACK', 'REPLY')),
    channel          text        NOT NULL CHECK (channel IN ('SFTP', 'MAIL')),
    -- whose receipt it is: DSN the recipient it reports on, MDN the recipient whose mail program sent it
    -- (each its Original-Recipient, else Final-Recipient), REPLY the sender (From); null for an
    -- acknowledgement file, an MDN naming no recipient, or a receipt that cannot be read
    recipient        text,
    -- as the receipt states it: ACK RECEIVED|ACCEPTED|ACCEPTED_WITH_WARNINGS|REJECTED, DSN action, MDN
    -- disposition type; null for a reply or an unreadable receipt
    status           text,
    -- DSN status code and diagnostic, MDN disposition line, reply subject
    detail           text,
    outcome          text        NOT NULL CHECK (outcome IN ('MATCHED', 'UNMATCHED', 'INVALID', 'MISMATCH', 'SUPERSEDED')),
    -- why it was not simply matched (null when it was)
    reason           text,
    verification     text        NOT NULL CHECK (verification IN ('NOT_CHECKED', 'VERIFIED', 'UNSIGNED', 'INVALID')),
    -- what it names of ours as it names it: the stem of an acknowledgement, a delivery key of a mail
    reference        text,
    receipt_id       text,
    -- the bureau's time (acknowledgement) or the message's Date
    bureau_at        timestamptz,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    -- the raw bytes as read, kept in the outbox (relative to it), with their SHA-256 and size
    raw_path         text        NOT NULL,
    raw_sha256       char(64)    NOT NULL,
    raw_size         bigint      NOT NULL,
    -- an acknowledgement's detached signature, kept beside the raw bytes; null when none came
    signature_path   text,
    -- ACK: the manifest SHA-256 it acknowledges, as written (checked against the delivered one)
    manifest_sha256  text,
    -- the bureau's messages, [{"rule","severity","text","kato","column"}]
    messages         jsonb       NOT NULL DEFAULT '[]',
    -- the version it answers and, for a mail receipt, which delivery of it; null when unmatched
    transmission_id  bigint      REFERENCES transmission (id),
    delivery         int         CHECK (delivery >= 1),
    CHECK ((outcome = 'MATCHED') = (reason IS NULL))
);
CREATE INDEX receipt_transmission ON receipt (transmission_id, id);

-- What the bureau says of each version: its latest acknowledgement (by the bureau's time), MISMATCH
-- or UNVERIFIED; and when (the bureau's time of the acknowledgement that set it).
ALTER TABLE transmission
    ADD COLUMN bureau_status    text NOT NULL DEFAULT 'NONE' CHECK (bureau_status IN
        ('NONE', 'RECEIVED', 'ACCEPTED', 'ACCEPTED_WITH_WARNINGS', 'REJECTED', 'MISMATCH', 'UNVERIFIED')),
    ADD COLUMN bureau_status_at timestamptz;

-- Each mail recipient of each delivery, from the DSNs: DELIVERED or FAILED, the latest report winning.
CREATE TABLE mail_recipient (
    transmission_id bigint      NOT NULL REFERENCES transmission (id),
    delivery        int         NOT NULL CHECK (delivery >= 1),
    recipient       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('DELIVERED', 'FAILED')),
    detail          text,
    at              timestamptz NOT NULL,
    receipt         bigint      NOT NULL REFERENCES receipt (id),
    PRIMARY KEY (transmission_id, delivery, recipient)
);

-- The operators are told once per version and cause (REJECTED, MISMATCH, a failed DSN, no
-- acknowledgement in time...), however many receipts or checks find it, on whichever instance.
CREATE TABLE receipt_alert (
    transmission_id bigint      NOT NULL REFERENCES transmission (id),
    cause           text        NOT NULL,
    receipt         bigint      REFERENCES receipt (id),
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (transmission_id, cause)
);

-- Acknowledgement files already read, for a server that forbids moving them to done/ or failed/:
-- Camel's JDBC idempotent repository (camel-sql JdbcMessageIdRepository, its standard table), shared
-- by every instance. The key is the file's name, size and modification time, so a new file under an
-- old name is read again.
CREATE TABLE camel_messageprocessed (
    processorname varchar(255)  NOT NULL,
    messageid     varchar(1000) NOT NULL,
    createdat     timestamp     NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
