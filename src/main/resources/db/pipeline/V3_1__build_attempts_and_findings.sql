-- Every build of a form for a period that the ledger recorded (db/pipeline/V1__ledger.sql): the
-- version it was built as, BUILT (kept, to deliver) or REJECTED (a validation ERROR), and below, each
-- of its findings as a row. A REJECTED version's number is taken again by the next build, which
-- rewrites that transmission row but adds an attempt: attempts and findings are never changed or
-- removed, so "why was May rejected on the 2nd?" still has its answer after May was delivered.
-- (Numbered 3.1: after the overdue register, before the migrations of later work.)
CREATE TABLE build_attempt (
    id              bigserial   PRIMARY KEY,
    transmission_id bigint      NOT NULL REFERENCES transmission (id),
    version         int         NOT NULL CHECK (version BETWEEN 1 AND 9999),
    action          char(1)     NOT NULL CHECK (action IN ('N', 'R')),
    status          text        NOT NULL CHECK (status IN ('BUILT', 'REJECTED')),
    accumulation    text        NOT NULL CHECK (accumulation IN ('MONTH', 'YEAR_TO_DATE')),
    as_of           timestamptz NOT NULL,
    -- null when rejected before the form was laid out (the source held rows that cannot be counted)
    content_hash    char(64),
    trigger         text        NOT NULL CHECK (trigger IN ('SCHEDULE', 'CLI', 'JMX')),
    requested_by    text        NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX build_attempt_transmission ON build_attempt (transmission_id, id);

-- One rule that did not pass, in the order the rules reported them (kz.labour.reporting.form.Finding).
CREATE TABLE finding (
    attempt_id     bigint   NOT NULL REFERENCES build_attempt (id),
    ordinal        int      NOT NULL,
    rule           text     NOT NULL,
    severity       text     NOT NULL CHECK (severity IN ('ERROR', 'WARN')),
    -- for people: "row 350000000 Қарағанды облысы, column 3", or the source relation and row ids
    location       text,
    message        text     NOT NULL,
    -- the form row's region code (000000000 for the total) and column, when the rule is about a cell or row
    kato           text,
    column_number  int,
    -- the source relation and the row ids involved, when the rule is about source rows
    relation       text,
    ids            bigint[]  NOT NULL DEFAULT '{}',
    -- what the rule looked at, name by name in order ("c15", "c16"; "total", "sum"; "rows")
    value_names    text[]    NOT NULL DEFAULT '{}',
    value_numbers  numeric[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (attempt_id, ordinal),
    CHECK (cardinality(value_names) = cardinality(value_numbers))
);

-- The event of a build names its attempt.
ALTER TABLE transmission_event ADD COLUMN attempt_id bigint REFERENCES build_attempt (id);

-- What a ledger of V1 holds: each row's last build becomes its one attempt, its findings column the
-- attempt's findings (earlier REJECTED builds of a reused number were overwritten and are gone).
INSERT INTO build_attempt (transmission_id, version, action, status, accumulation, as_of, content_hash, trigger,
                           requested_by, at)
SELECT id, version, action, CASE WHEN status = 'REJECTED' THEN 'REJECTED' ELSE 'BUILT' END, accumulation, as_of,
       content_hash, trigger, requested_by, created_at
  FROM transmission
 ORDER BY id;

INSERT INTO finding (attempt_id, ordinal, rule, severity, location, message, kato, column_number, relation, ids,
                     value_names, value_numbers)
SELECT a.id, f.ordinal, f.item->>'rule', f.item->>'severity', f.item->>'where', coalesce(f.item->>'message', ''),
       f.item->>'kato', (f.item->>'column')::int, f.item->>'relation',
       coalesce(ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(f.item->'ids') = 'array'
                                                            THEN f.item->'ids' ELSE '[]' END)::bigint), '{}'),
       coalesce(ARRAY(SELECT v.key FROM jsonb_each(CASE WHEN jsonb_typeof(f.item->'values') = 'object'
                                                       THEN f.item->'values' ELSE '{}' END) v ORDER BY v.key), '{}'),
       coalesce(ARRAY(SELECT v.value::text::numeric FROM jsonb_each(CASE WHEN jsonb_typeof(f.item->'values') = 'object'
                                                                        THEN f.item->'values' ELSE '{}' END) v
                       ORDER BY v.key), '{}')
  FROM build_attempt a
  JOIN transmission t ON t.id = a.transmission_id
 CROSS JOIN LATERAL jsonb_array_elements(t.findings) WITH ORDINALITY AS f(item, ordinal);

UPDATE transmission_event e SET attempt_id = a.id
  FROM build_attempt a
 WHERE a.transmission_id = e.transmission_id AND e.event IN ('BUILT', 'REJECTED')
   AND e.id = (SELECT max(e2.id) FROM transmission_event e2
                WHERE e2.transmission_id = e.transmission_id AND e2.event IN ('BUILT', 'REJECTED'));

-- The findings live in their own rows now; one place, not two.
ALTER TABLE transmission DROP COLUMN findings;
