-- At most one transmission of a form and period at a time, across every instance (docs/interfaces.md,
-- "The ledger"). A lease, not a session lock: a session lock dies with its connection (an idle
-- session timeout, pg_terminate_backend, a pooler, a failover) while its run goes on sending. A lease
-- is held while its run renews it and expires by the database's clock when the run cannot.
--
-- token grows by one with every new holder and is never reset (a release only expires the row), so
-- a run that lost its lease can be told apart from the one that holds it now: every send and every
-- ledger change first checks its own token (fencing).
CREATE TABLE transmission_lease (
    form         text        NOT NULL CHECK (form IN ('1-MEIZhM', '2-OZh')),
    period       char(7)     NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    token        bigint      NOT NULL,
    owner        text        NOT NULL,
    acquired_at  timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (form, period)
);
