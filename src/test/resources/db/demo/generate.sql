-- Demo data for the twelve source relations (docs/source-contract.md): deterministic, seeded, set-based.
--
-- Running this script only (re)creates functions in schema "demo"; the data is made by
--
--     SELECT * FROM demo.generate(first_month date, months int, scale float8, seed bigint
--                                 [, zone text DEFAULT 'Asia/Almaty']);
--
-- which inserts `months` calendar months starting with the month of `first_month` into the
-- relations found on the search_path and returns (relation, row_count) for what it inserted.
-- scale = 1 is Kazakhstan's real monthly volume (docs/forms.md, "Real-world sizes").
--
-- Determinism: every value is a pure function of (seed, row id, salt) through demo.u(), never
-- random(), and every helper is IMMUTABLE and independent of session settings (no timestamptz
-- arithmetic, which would follow the session TimeZone). A month's rows depend only on (seed, month,
-- scale), not on the other months generated or on execution order or parallelism.
--
-- Ids: a month's base rows get ids yyyymm * 10^8 + k (k = 1..n), so months can be appended to an
-- existing data set without clashes; generating a month that is already present is refused.
-- Rows derived from one parent row take their ids from it: accident_victim = accident.id * 100 + j,
-- prosecuted_person = criminal_case.id * 100 + j, criminal_case = its referral's id, the
-- investigation of a known accident = the accident's id; investigations of accidents unknown to
-- the system use yyyymm * 10^8 + 9 * 10^7 + k.
--
-- Bulk path: when all twelve relations are empty, their secondary indexes are dropped before the
-- load and rebuilt after it (one sort per index instead of 20+ million random index insertions).
-- Cost is linear in months x scale: every statement is INSERT ... SELECT over generate_series or
-- over the rows just inserted (selected by id range), with no per-row procedural code.
--
-- Assumed monthly means at scale 1, whole country (docs/forms.md where it gives them, otherwise a guess):
-- inspections 550 (45 % preventive control, 42 % unscheduled, 13 % other; 22 % individuals),
-- violations 730 (spread over the month's inspections; 15 % never eliminated, others 0..119 days later),
-- prescriptions 350, fines 240 (~44 million tenge: MRP multiples plus some amounts ending in 50),
-- suspensions 10 (equipment 55 %, facilities 30 %, organisations 15 %), worker removals 45 acts
-- (28 % remove several workers), victims 110..120 in ~105 accidents with 2..4 group accidents of
-- 2..5 victims, deaths 12..18, investigations of group, severe and fatal accidents (~90 %) plus ~4
-- of accidents unknown to the system, law-enforcement referrals 15, criminal cases ~45 % of them,
-- prosecuted persons 0..3 per case.

CREATE SCHEMA IF NOT EXISTS demo;

-- A uniform number in [0, 1) from (seed, n, salt): the low 53 bits of a 64-bit hash. Hashing the
-- seed with the salt first keeps any bigint seed valid (no overflow of seed * 1000 + salt).
CREATE OR REPLACE FUNCTION demo.u(seed bigint, n bigint, salt int)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (hashint8extended(n, hashint8extended(seed, salt)) & 9007199254740991)::double precision
           / 9007199254740992.0
$$;

-- Activity and injury weights per region prefix. High: Karaganda 35, East Kazakhstan 63,
-- Pavlodar 55, Aktobe 15, Almaty city 75; low: Abai 10, Zhetysu 33, North Kazakhstan 59, Shymkent 79.
CREATE OR REPLACE FUNCTION demo.region_weights()
RETURNS TABLE (prefix int, activity double precision, injury double precision)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    VALUES (10, 1.6, 1.3), (11, 4.0, 3.5), (15, 8.0, 8.0), (19, 5.5, 5.0), (23, 5.0, 5.0),
           (27, 4.0, 3.0), (31, 4.0, 3.5), (33, 1.6, 1.3), (35, 12.0, 15.0), (39, 4.5, 4.0),
           (43, 3.0, 2.5), (47, 4.5, 5.0), (55, 9.0, 9.0), (59, 1.6, 1.3), (61, 4.0, 3.5),
           (62, 2.5, 3.0), (63, 10.0, 11.0), (71, 6.5, 5.0), (75, 9.5, 8.0), (79, 2.0, 1.8)
$$;

-- 10,000 slots filled with region prefixes in proportion to a weight column, so that picking a
-- region is one array subscript (O(1) on an int[]) instead of a range join per row.
CREATE OR REPLACE FUNCTION demo.region_slots(by_injury boolean)
RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH w AS (
        SELECT w.prefix, CASE WHEN by_injury THEN w.injury ELSE w.activity END AS weight FROM demo.region_weights() w
    ), c AS (
        SELECT w.prefix,
               round(10000 * (sum(w.weight) OVER (ORDER BY w.prefix) - w.weight) / sum(w.weight) OVER ())::int AS lo,
               round(10000 * sum(w.weight) OVER (ORDER BY w.prefix) / sum(w.weight) OVER ())::int AS hi
        FROM w
    )
    SELECT array_agg(c.prefix ORDER BY s) FROM c, generate_series(c.lo, c.hi - 1) s
$$;

-- A 9-digit KATO code in a region drawn from the slots: 70 % the region itself (350000000),
-- 15 % a district (351400000), 15 % a lower unit (351234567); always the region's first two digits.
CREATE OR REPLACE FUNCTION demo.kato(seed bigint, id bigint, salt int, slots int[])
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (slots[1 + floor(demo.u(seed, id, salt) * cardinality(slots))::int]::bigint * 10000000
            + CASE WHEN demo.u(seed, id, salt + 1) < 0.70 THEN 0
                   WHEN demo.u(seed, id, salt + 1) < 0.85 THEN (10 + floor(demo.u(seed, id, salt + 2) * 80))::bigint * 100000
                   ELSE 1000000 + floor(demo.u(seed, id, salt + 2) * 8000000)::bigint END)::text
$$;

-- A day of the month starting at m_from.
CREATE OR REPLACE FUNCTION demo.day_in(seed bigint, id bigint, salt int, m_from date, ndays int)
RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT m_from + floor(demo.u(seed, id, salt) * ndays)::int
$$;

-- When a fact dated `day` was entered: during working hours of that day plus a lag (85 % within
-- two days, 12 % within 2..7 days, 3 % within 8..25 days), so some rows of a month are recorded after
-- it ended. Computed on local timestamps and converted once, so the session TimeZone plays no part.
CREATE OR REPLACE FUNCTION demo.recorded_at(seed bigint, id bigint, salt int, day date, zone text)
RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_trunc('second',
               day + time '08:30' + demo.u(seed, id, salt) * interval '10 hours'
               + CASE WHEN demo.u(seed, id, salt + 1) < 0.85 THEN demo.u(seed, id, salt + 2) * interval '48 hours'
                      WHEN demo.u(seed, id, salt + 1) < 0.97 THEN interval '48 hours' + demo.u(seed, id, salt + 2) * interval '120 hours'
                      ELSE interval '168 hours' + demo.u(seed, id, salt + 2) * interval '432 hours' END)
           AT TIME ZONE zone
$$;

-- Stochastic rounding of scale * mean * factor * (1 +- spread): unbiased at small scales too.
CREATE OR REPLACE FUNCTION demo.monthly_count(seed bigint, ym int, salt int, mean double precision,
                                              scale double precision, spread double precision,
                                              factor double precision)
RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT greatest(0, floor(scale * mean * factor * (1 + spread * (2 * demo.u(seed, ym, salt) - 1))
                             + demo.u(seed, ym, salt + 1)))::int
$$;

-- The monthly calculation index (MRP, tenge) that administrative fines are multiples of.
CREATE OR REPLACE FUNCTION demo.mrp(year int)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- 2016..2026; years outside take the nearest. One reference to `year`, so an inlined caller
    -- computes its argument once.
    SELECT (ARRAY[2121, 2269, 2405, 2525, 2778, 2917, 3063, 3450, 3692, 3932, 4325])[least(greatest(year, 2016), 2026) - 2015]::numeric
$$;

-- The months to generate: bounds, length, id base and a mild seasonal factor for inspection work
-- (quiet January and summer, busy autumn and December).
CREATE OR REPLACE FUNCTION demo.month_plan(first_month date, months int)
RETURNS TABLE (m_from date, m_until date, ndays int, ym int, base bigint, season double precision)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT f.m_from, f.m_until, f.m_until - f.m_from, f.ym, f.ym::bigint * 100000000,
           (ARRAY[0.90, 0.97, 1.02, 1.03, 1.02, 0.98, 0.94, 0.95, 1.03, 1.05, 1.04, 1.07]::double precision[])[f.month]
    FROM (
        SELECT make_date(t / 12, t % 12 + 1, 1) AS m_from,
               make_date((t + 1) / 12, (t + 1) % 12 + 1, 1) AS m_until,
               (t / 12) * 100 + t % 12 + 1 AS ym, t % 12 + 1 AS month
        FROM generate_series(0, months - 1) i,
             LATERAL (SELECT date_part('year', first_month::timestamp)::int * 12
                             + date_part('month', first_month::timestamp)::int - 1 + i AS t) t
    ) f
$$;

-- The injury plan of each month: victims (110..120 at scale 1), deaths (12..18), severe and
-- moderate victims, and group accidents (2..4). Exact per month, since docs/forms.md gives ranges.
CREATE OR REPLACE FUNCTION demo.injury_plan(first_month date, months int, scale double precision, seed bigint)
RETURNS TABLE (m_from date, ndays int, ym int, base bigint, victims int, fatal int, severe int,
               moderate int, groups int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT m.m_from, m.ndays, m.ym, m.base,
           floor(scale * (110 + 11 * demo.u(seed, m.ym, 1100)))::int,
           floor(scale * (12 + 7 * demo.u(seed, m.ym, 1101)))::int,
           floor(scale * (20 + 9 * demo.u(seed, m.ym, 1102)))::int,
           floor(scale * (35 + 10 * demo.u(seed, m.ym, 1103)))::int,
           floor(scale * (2 + 3 * demo.u(seed, m.ym, 1104)))::int
    FROM demo.month_plan(first_month, months) m
$$;

-- Victims of a group accident: 2 (55 %), 3 (30 %), 4 (11 %) or 5 (4 %).
CREATE OR REPLACE FUNCTION demo.accident_size(seed bigint, id bigint)
RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN demo.u(seed, id, 701) < 0.55 THEN 2 WHEN demo.u(seed, id, 701) < 0.85 THEN 3
                WHEN demo.u(seed, id, 701) < 0.96 THEN 4 ELSE 5 END
$$;

-- Every accident of the months with its number of victims: accidents 1..groups of a month are
-- group accidents of 2..5 victims, the rest have one, and together they have exactly `victims`.
CREATE OR REPLACE FUNCTION demo.accident_plan(first_month date, months int, scale double precision, seed bigint)
RETURNS TABLE (id bigint, ym int, m_from date, ndays int, victims int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH p AS (
        SELECT p.*, (SELECT coalesce(sum(demo.accident_size(seed, p.base + g)), 0)::int
                     FROM generate_series(1, p.groups) g) AS group_victims
        FROM demo.injury_plan(first_month, months, scale, seed) p
    )
    SELECT p.base + k, p.ym, p.m_from, p.ndays,
           CASE WHEN k <= p.groups THEN demo.accident_size(seed, p.base + k) ELSE 1 END
    FROM p, generate_series(1, p.groups + greatest(0, p.victims - p.group_victims)) k
$$;

-- The base rows of one relation: ids yyyymm * 10^8 + k and a day in the month. `salt` identifies
-- the relation; its monthly count uses salts 10000 + salt and 10001 + salt.
CREATE OR REPLACE FUNCTION demo.base_rows(first_month date, months int, scale double precision, seed bigint,
                                          salt int, mean double precision, spread double precision,
                                          seasonal boolean)
RETURNS TABLE (id bigint, day date)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT m.base + k, demo.day_in(seed, m.base + k, salt, m.m_from, m.ndays)
    FROM demo.month_plan(first_month, months) m,
         generate_series(1, demo.monthly_count(seed, m.ym, 10000 + salt, mean, scale, spread,
                                               CASE WHEN seasonal THEN m.season ELSE 1 END)) k
    -- Keeps this a subquery of its own, so callers referring to `day` several times reuse it
    -- instead of repeating its hash.
    OFFSET 0
$$;

-- A fine in tenge: mostly a multiple of the year's MRP (mean about 50 MRP, a few of several
-- hundred), and 12 % round amounts ending in 50 (12 350.00, 49 950.00) whose rounding to thousands
-- with one decimal is a half. Never below 5 050, so a region with fines never shows 0.0 (c8/c9 control).
CREATE OR REPLACE FUNCTION demo.fine_amount(seed bigint, id bigint, day date)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN demo.u(seed, id, 302) < 0.12 THEN 5050 + 100 * floor(demo.u(seed, id, 303) * 950)::int
        ELSE demo.mrp(date_part('year', day::timestamp)::int) * CASE
            WHEN demo.u(seed, id, 304) < 0.30 THEN (ARRAY[5, 10, 15, 20])[1 + floor(demo.u(seed, id, 305) * 4)::int]
            WHEN demo.u(seed, id, 304) < 0.62 THEN (ARRAY[25, 30, 40, 50])[1 + floor(demo.u(seed, id, 305) * 4)::int]
            WHEN demo.u(seed, id, 304) < 0.90 THEN (ARRAY[50, 60, 70, 80])[1 + floor(demo.u(seed, id, 305) * 4)::int]
            WHEN demo.u(seed, id, 304) < 0.985 THEN (ARRAY[100, 120, 150, 200])[1 + floor(demo.u(seed, id, 305) * 4)::int]
            ELSE (ARRAY[250, 300, 400])[1 + floor(demo.u(seed, id, 305) * 3)::int] END
    END::numeric(14, 2)
$$;

CREATE OR REPLACE FUNCTION demo.generate(first_month date, months int, scale double precision, seed bigint,
                                         zone text DEFAULT 'Asia/Almaty')
RETURNS TABLE (relation text, row_count bigint)
LANGUAGE plpgsql
-- Sorts for the victims' ranking and the index rebuilds stay in memory at benchmark sizes.
SET work_mem = '64MB'
SET maintenance_work_mem = '512MB'
-- Every join here is bulk; a nested loop chosen on a stale row estimate (rows just inserted)
-- turns quadratic, so only the lateral generate_series joins, which need one, get one.
SET enable_nestloop = off
AS $fn$
DECLARE
    activity int[];
    injury int[];
    relations regclass[];
    lo bigint;          -- first id of the first month's block
    hi bigint;          -- first id after the last month's block
    n bigint;
    n2 bigint;
    rel regclass;
    is_empty boolean;
    all_empty boolean := true;
    clash text;
    idx record;
    rebuild text[] := '{}';
    def text;
BEGIN
    IF first_month IS NULL OR months IS NULL OR months < 1 OR months > 1200 THEN
        RAISE EXCEPTION 'demo.generate: need a first month and 1..1200 months, got % and %', first_month, months;
    END IF;
    IF scale IS NULL OR NOT (scale > 0 AND scale <= 10000) THEN
        RAISE EXCEPTION 'demo.generate: scale must be in (0, 10000], got %', scale;
    END IF;
    IF seed IS NULL OR zone IS NULL THEN
        RAISE EXCEPTION 'demo.generate: seed and zone are required';
    END IF;

    activity := demo.region_slots(false);
    injury := demo.region_slots(true);
    relations := ARRAY['inspection', 'violation', 'prescription', 'fine', 'suspension', 'worker_removal',
                       'accident_investigation', 'law_enforcement_referral', 'criminal_case',
                       'prosecuted_person', 'accident', 'accident_victim']::regclass[];
    SELECT min(m.base), max(m.base) + 100000000 INTO lo, hi FROM demo.month_plan(first_month, months) m;

    -- Appending is allowed, regenerating is not: a month's base ids would clash.
    FOREACH rel IN ARRAY ARRAY['inspection', 'violation', 'prescription', 'fine', 'suspension', 'worker_removal',
                               'accident_investigation', 'law_enforcement_referral', 'accident']::regclass[] LOOP
        EXECUTE format('SELECT min(id)::text FROM %s WHERE id >= $1 AND id < $2', rel) INTO clash USING lo, hi;
        IF clash IS NOT NULL THEN
            RAISE EXCEPTION 'demo.generate: % already holds demo rows of these months (id %); generate other months or empty the relations first', rel, clash;
        END IF;
    END LOOP;

    FOREACH rel IN ARRAY relations LOOP
        EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', rel) INTO is_empty;
        all_empty := all_empty AND is_empty;
    END LOOP;
    IF all_empty THEN
        -- Secondary indexes are cheaper to build once after the load than to maintain row by row.
        -- Constraint indexes (primary keys) stay: they are what refuses a clash.
        FOR idx IN
            SELECT i.indexrelid::regclass AS name, pg_get_indexdef(i.indexrelid) AS ddl
            FROM pg_index i
            WHERE i.indrelid = ANY (relations)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        LOOP
            rebuild := rebuild || idx.ddl;
            EXECUTE format('DROP INDEX %s', idx.name);
        END LOOP;
    END IF;

    -- 1-MEIZhM c2..c4
    INSERT INTO inspection (id, recorded_at, region_kato, subject_kind, kind, completed_on)
    SELECT b.id, demo.recorded_at(seed, b.id, 110, b.day, zone), demo.kato(seed, b.id, 120, activity),
           CASE WHEN demo.u(seed, b.id, 101) < 0.22 THEN 'INDIVIDUAL' ELSE 'LEGAL_ENTITY' END,
           CASE WHEN demo.u(seed, b.id, 102) < 0.45 THEN 'PREVENTIVE_CONTROL'
                WHEN demo.u(seed, b.id, 102) < 0.87 THEN 'UNSCHEDULED' ELSE 'OTHER' END,
           b.day
    FROM demo.base_rows(first_month, months, scale, seed, 100, 550, 0.08, true) b;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'inspection'; row_count := n; RETURN NEXT;
    ANALYZE inspection;  -- later statements read it: plan with its new size

    -- c5, c6: violations, each found by a seeded pick among the month's inspections (ids
    -- base + 1..n), in its region and on its day; 15 % never eliminated, the others within 10 days
    -- (45 %), 10..44 days (40 %) or 45..119 days (15 %), often in a later month.
    INSERT INTO violation (id, recorded_at, inspection_id, region_kato, detected_on, eliminated_on)
    SELECT v.id, i.recorded_at + floor(demo.u(seed, v.id, 154) * 60) * interval '1 minute', i.id, i.region_kato,
           i.completed_on,
           CASE WHEN demo.u(seed, v.id, 151) < 0.15 THEN NULL
                WHEN demo.u(seed, v.id, 152) < 0.45 THEN i.completed_on + floor(demo.u(seed, v.id, 153) * 10)::int
                WHEN demo.u(seed, v.id, 152) < 0.85 THEN i.completed_on + 10 + floor(demo.u(seed, v.id, 153) * 35)::int
                ELSE i.completed_on + 45 + floor(demo.u(seed, v.id, 153) * 75)::int END
    FROM (
        SELECT b.id, (b.id / 100000000) * 100000000 + 1 + floor(demo.u(seed, b.id, 150) * per_month.inspections)::bigint AS inspection_id
        FROM demo.base_rows(first_month, months, scale, seed, 150, 730, 0.08, true) b
             JOIN (SELECT t.id / 100000000 AS block, count(*) AS inspections FROM inspection t
                   WHERE t.id >= lo AND t.id < hi GROUP BY 1) per_month ON per_month.block = b.id / 100000000
    ) v
    JOIN inspection i ON i.id = v.inspection_id;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'violation'; row_count := n; RETURN NEXT;

    -- c7
    INSERT INTO prescription (id, recorded_at, region_kato, issued_on)
    SELECT b.id, demo.recorded_at(seed, b.id, 210, b.day, zone), demo.kato(seed, b.id, 220, activity), b.day
    FROM demo.base_rows(first_month, months, scale, seed, 200, 350, 0.08, true) b;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'prescription'; row_count := n; RETURN NEXT;

    -- c8, c9
    INSERT INTO fine (id, recorded_at, region_kato, imposed_on, amount_kzt)
    SELECT b.id, demo.recorded_at(seed, b.id, 310, b.day, zone), demo.kato(seed, b.id, 320, activity), b.day,
           demo.fine_amount(seed, b.id, b.day)
    FROM demo.base_rows(first_month, months, scale, seed, 300, 240, 0.08, true) b;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'fine'; row_count := n; RETURN NEXT;

    -- c10..c12: rare, so small regions often show zero
    INSERT INTO suspension (id, recorded_at, region_kato, object_kind, suspended_on)
    SELECT b.id, demo.recorded_at(seed, b.id, 410, b.day, zone), demo.kato(seed, b.id, 420, activity),
           CASE WHEN demo.u(seed, b.id, 401) < 0.55 THEN 'EQUIPMENT'
                WHEN demo.u(seed, b.id, 401) < 0.85 THEN 'FACILITY' ELSE 'ORGANIZATION' END,
           b.day
    FROM demo.base_rows(first_month, months, scale, seed, 400, 10, 0.3, true) b;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'suspension'; row_count := n; RETURN NEXT;

    -- c13: 72 % of acts remove one worker, 18 % two or three, 10 % four to twelve
    INSERT INTO worker_removal (id, recorded_at, region_kato, removed_on, workers_count)
    SELECT b.id, demo.recorded_at(seed, b.id, 510, b.day, zone), demo.kato(seed, b.id, 520, activity), b.day,
           CASE WHEN demo.u(seed, b.id, 501) < 0.72 THEN 1
                WHEN demo.u(seed, b.id, 501) < 0.90 THEN 2 + floor(demo.u(seed, b.id, 502) * 2)::int
                ELSE 4 + floor(demo.u(seed, b.id, 502) * 9)::int END
    FROM demo.base_rows(first_month, months, scale, seed, 500, 45, 0.15, true) b;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'worker_removal'; row_count := n; RETURN NEXT;

    -- 2-OZh: accidents, then their victims. The first victim is recorded with the accident, so no
    -- cut-off sees an accident without victims; 30 % of further victims are added 1..10 days later.
    INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
    SELECT a.id, demo.recorded_at(seed, a.id, 710, a.day, zone), demo.kato(seed, a.id, 720, injury), a.day
    FROM (
        SELECT p.id, demo.day_in(seed, p.id, 700, p.m_from, p.ndays) AS day
        FROM demo.accident_plan(first_month, months, scale, seed) p
    ) a;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'accident'; row_count := n; RETURN NEXT;
    ANALYZE accident;  -- later statements read it: plan with its new size

    -- Severities by a seeded ranking of the month's victims, so deaths and severe injuries per
    -- month are exactly the plan's.
    INSERT INTO accident_victim (id, recorded_at, accident_id, severity)
    SELECT v.id,
           CASE WHEN v.j = 1 OR demo.u(seed, v.id, 751) < 0.70 THEN v.accident_recorded
                ELSE v.accident_recorded + interval '24 hours' + demo.u(seed, v.id, 752) * interval '216 hours' END,
           v.accident_id,
           CASE WHEN v.r <= q.fatal THEN 'FATAL'
                WHEN v.r <= q.fatal + q.severe THEN 'SEVERE'
                WHEN v.r <= q.fatal + q.severe + q.moderate THEN 'MODERATE'
                ELSE 'LIGHT' END
    FROM (
        SELECT p.id * 100 + j AS id, j, p.id AS accident_id, p.ym, a.recorded_at AS accident_recorded,
               row_number() OVER (PARTITION BY p.ym ORDER BY demo.u(seed, p.id * 100 + j, 750), p.id * 100 + j) AS r
        FROM demo.accident_plan(first_month, months, scale, seed) p
             JOIN accident a ON a.id = p.id,
             generate_series(1, p.victims) j
    ) v
    JOIN demo.injury_plan(first_month, months, scale, seed) q ON q.ym = v.ym;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'accident_victim'; row_count := n; RETURN NEXT;
    ANALYZE accident_victim;  -- later statements read it: plan with its new size

    -- c14: inspectors investigate 92 % of group, severe and fatal accidents, completing 7..41 days
    -- later; plus a few investigations of accidents the system does not hold (accident_id null).
    INSERT INTO accident_investigation (id, recorded_at, accident_id, region_kato, completed_on)
    SELECT x.id, greatest(x.accident_recorded + interval '1 hour', demo.recorded_at(seed, x.id, 810, x.done, zone)),
           x.id, x.region_kato, x.done
    FROM (
        SELECT a.id, a.recorded_at AS accident_recorded, a.region_kato,
               a.occurred_on + 7 + floor(demo.u(seed, a.id, 801) * 35)::int AS done
        FROM accident a
             JOIN (SELECT v.accident_id FROM accident_victim v
                   WHERE v.id >= lo * 100 AND v.id < hi * 100
                   GROUP BY v.accident_id
                   HAVING count(*) >= 2 OR bool_or(v.severity IN ('SEVERE', 'FATAL'))) s ON s.accident_id = a.id
        WHERE a.id >= lo AND a.id < hi AND demo.u(seed, a.id, 800) < 0.92
    ) x;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO accident_investigation (id, recorded_at, accident_id, region_kato, completed_on)
    SELECT b.id + 90000000, demo.recorded_at(seed, b.id + 90000000, 860, b.day, zone),
           NULL, demo.kato(seed, b.id + 90000000, 870, injury), b.day
    FROM demo.base_rows(first_month, months, scale, seed, 850, 4, 0.5, false) b;
    GET DIAGNOSTICS n2 = ROW_COUNT;
    relation := 'accident_investigation'; row_count := n + n2; RETURN NEXT;

    -- c15..c17: a criminal case follows 45 % of referrals in the same region and month (so c16 <= c15
    -- at any cut-off) and is recorded after its referral; 0..3 persons are charged 5..59 days later.
    INSERT INTO law_enforcement_referral (id, recorded_at, region_kato, sent_on)
    SELECT b.id, demo.recorded_at(seed, b.id, 610, b.day, zone), demo.kato(seed, b.id, 620, injury), b.day
    FROM demo.base_rows(first_month, months, scale, seed, 600, 15, 0.25, false) b;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'law_enforcement_referral'; row_count := n; RETURN NEXT;
    ANALYZE law_enforcement_referral;  -- later statements read it: plan with its new size

    INSERT INTO criminal_case (id, recorded_at, region_kato, opened_on)
    SELECT x.id, greatest(x.referral_recorded + interval '1 hour', demo.recorded_at(seed, x.id, 910, x.opened, zone)),
           x.region_kato, x.opened
    FROM (
        SELECT r.id, r.recorded_at AS referral_recorded, r.region_kato,
               r.sent_on + floor(demo.u(seed, r.id, 901)
                                 * ((date_trunc('month', r.sent_on::timestamp) + interval '1 month')::date - r.sent_on))::int AS opened
        FROM law_enforcement_referral r
        WHERE r.id >= lo AND r.id < hi AND demo.u(seed, r.id, 900) < 0.45
    ) x;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'criminal_case'; row_count := n; RETURN NEXT;
    ANALYZE criminal_case;  -- later statements read it: plan with its new size

    INSERT INTO prosecuted_person (id, recorded_at, region_kato, charged_on)
    SELECT x.id, greatest(x.case_recorded + interval '1 hour', demo.recorded_at(seed, x.id, 960, x.charged, zone)),
           x.region_kato, x.charged
    FROM (
        SELECT c.id * 100 + j AS id, c.recorded_at AS case_recorded, c.region_kato,
               c.opened_on + 5 + floor(demo.u(seed, c.id * 100 + j, 951) * 55)::int AS charged
        FROM criminal_case c,
             generate_series(1, CASE WHEN demo.u(seed, c.id, 950) < 0.35 THEN 0
                                     WHEN demo.u(seed, c.id, 950) < 0.80 THEN 1
                                     WHEN demo.u(seed, c.id, 950) < 0.95 THEN 2 ELSE 3 END) j
        WHERE c.id >= lo AND c.id < hi
    ) x;
    GET DIAGNOSTICS n = ROW_COUNT;
    relation := 'prosecuted_person'; row_count := n; RETURN NEXT;

    FOREACH def IN ARRAY rebuild LOOP
        EXECUTE def;
    END LOOP;
    -- Fresh statistics, so the forms' first queries over the new rows get sensible plans.
    FOREACH rel IN ARRAY relations LOOP
        EXECUTE format('ANALYZE %s', rel);
    END LOOP;
END
$fn$;
