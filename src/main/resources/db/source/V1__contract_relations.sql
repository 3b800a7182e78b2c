-- The twelve relations of the source contract (docs/source-contract.md) as plain tables,
-- for the demo and the tests. On a real deployment the information system's owners provide them as
-- views; the pipeline never runs these migrations against a real source.
-- Columns are deliberately loose (nullable dates, free-text kinds): the pipeline's source checks
-- must see and name bad rows, so the reference schema must be able to hold them.

CREATE TABLE inspection (
    id           bigint PRIMARY KEY,
    recorded_at  timestamptz NOT NULL,
    region_kato  varchar(9),
    subject_kind text,          -- INDIVIDUAL, LEGAL_ENTITY
    kind         text,          -- PREVENTIVE_CONTROL, UNSCHEDULED, OTHER
    completed_on date
);

CREATE TABLE violation (
    id            bigint PRIMARY KEY,
    recorded_at   timestamptz NOT NULL,
    inspection_id bigint,
    region_kato   varchar(9),
    detected_on   date,
    eliminated_on date          -- null until eliminated
);

CREATE TABLE prescription (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    region_kato varchar(9),
    issued_on   date
);

CREATE TABLE fine (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    region_kato varchar(9),
    imposed_on  date,
    amount_kzt  numeric(14, 2)
);

CREATE TABLE suspension (
    id           bigint PRIMARY KEY,
    recorded_at  timestamptz NOT NULL,
    region_kato  varchar(9),
    object_kind  text,          -- EQUIPMENT, FACILITY, ORGANIZATION
    suspended_on date
);

CREATE TABLE worker_removal (
    id            bigint PRIMARY KEY,
    recorded_at   timestamptz NOT NULL,
    region_kato   varchar(9),
    removed_on    date,
    workers_count int           -- >= 1: one act can remove several workers
);

CREATE TABLE accident_investigation (
    id           bigint PRIMARY KEY,
    recorded_at  timestamptz NOT NULL,
    accident_id  bigint,
    region_kato  varchar(9),
    completed_on date
);

CREATE TABLE law_enforcement_referral (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    region_kato varchar(9),
    sent_on     date
);

CREATE TABLE criminal_case (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    region_kato varchar(9),
    opened_on   date
);

CREATE TABLE prosecuted_person (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    region_kato varchar(9),
    charged_on  date
);

CREATE TABLE accident (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    region_kato varchar(9),
    occurred_on date
);

CREATE TABLE accident_victim (
    id          bigint PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    accident_id bigint,
    severity    text            -- LIGHT, MODERATE, SEVERE, FATAL
);
