-- Forms found undelivered at their deadline (end of day 3 of the following month). A row is written
-- once per form and period by whichever instance runs the deadline check, so a restart, an hourly
-- repeat or a second instance never alerts twice. The row stays as history; a form counts as overdue
-- only while the ledger holds no delivered version of it (a later delivery clears it).
CREATE TABLE overdue (
    form        text        NOT NULL CHECK (form IN ('1-MEIZhM', '2-OZh')),
    period      char(7)     NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    -- the deadline that passed: the deadline check's scheduled fire time
    deadline    timestamptz NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    -- which scheduler instance found it
    detected_by text        NOT NULL,
    -- when the operators' alert went out; null until one has been sent, so a failed send is retried
    alerted_at  timestamptz,
    PRIMARY KEY (form, period)
);
