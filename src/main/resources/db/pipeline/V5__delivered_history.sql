-- The numbers of every delivered version, cell by cell: the history each new period is compared with
-- (docs/quality.md). A version is written here when it is delivered, and read back as "the latest
-- delivered version of each of the previous periods", so judging a month against its history costs
-- no read of the source. Rows are only ever added: a later version of a period is a new row.
CREATE TABLE delivered_form (
    id            bigserial   PRIMARY KEY,
    form          text        NOT NULL CHECK (form IN ('1-MEIZhM', '2-OZh')),
    period        char(7)     NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    version       int         NOT NULL CHECK (version BETWEEN 1 AND 9999),
    -- history compares like with like: figures delivered under another accumulation are not read
    accumulation  text        NOT NULL CHECK (accumulation IN ('MONTH', 'YEAR_TO_DATE')),
    as_of         timestamptz NOT NULL,
    -- the same SHA-256 of the numbers as the ledger's: recording a version twice must not change it
    content_hash  char(64)    NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (form, period, version)
);

-- One row per printed cell of a delivered version, the total row (000000000) included.
CREATE TABLE delivered_cell (
    delivered_form_id bigint   NOT NULL REFERENCES delivered_form (id),
    kato              char(9)  NOT NULL CHECK (kato ~ '^[0-9]{9}$'),
    col               smallint NOT NULL CHECK (col BETWEEN 2 AND 17),
    -- as printed: counts, or thousand tenge with one decimal (1-MEIZhM column 9)
    value             numeric  NOT NULL,
    PRIMARY KEY (delivered_form_id, kato, col)
);
