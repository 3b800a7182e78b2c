-- 1-МЕИЖМ, work of state labour inspectors: columns 2..17 per region, one statement. The rows and
-- what each contributes come from 1-MEIZhM-rows.sql (below, as composed by SqlLibrary); this sums
-- them per region. Regions are the first two digits of region_kato, so district, city and village
-- codes roll up to their region. Every region of the catalogue gets a row (zeros where nothing
-- counted), and a prefix that is no region a row of its own (a missing code: a null region).
--
-- The same statement counts the rows the source checks would reject, so that the pipeline trusts
-- the numbers only when nothing is suspect and every prefix is a region, and otherwise runs
-- 1-MEIZhM-source-checks.sql to name the rows: a clean period is read once, not twice.
--   suspect, per region prefix: a malformed code, a missing or negative amount, a kind or object
--     kind outside the contract's values, a missing or zero workers count, a row of the period
--     without recorded_at, a row without a date recorded since the period began. Each is a key
--     range of a partial index over such rows (V3, V4, V6), normally empty: no row of the period is
--     tested for them.
--   unplaced, the same on every row: rows counted twice because their id is not unique (the
--     contract's ids are; a view has no key to enforce it). Found by comparing each date column's
--     row count with its number of distinct ids, a sort of the period's ids (the one check that
--     costs in proportion to the period: BENCHMARKS.md).
-- Parameters: from (date), until (date), as_of (timestamptz), zone (the reporting time zone),
-- regions (the catalogue's prefixes, comma-separated).
WITH
-- include: 1-MEIZhM-rows.sql
,
inspections AS (
    SELECT left(region_kato, 2) AS region, sum(c2) AS c2, sum(c3) AS c3, sum(c4) AS c4
    FROM inspection_rows GROUP BY 1
),
violations_detected AS (
    SELECT left(region_kato, 2) AS region, sum(c5) AS c5 FROM violation_detected_rows GROUP BY 1
),
violations_eliminated AS (
    SELECT left(region_kato, 2) AS region, sum(c6) AS c6 FROM violation_eliminated_rows GROUP BY 1
),
prescriptions AS (
    SELECT left(region_kato, 2) AS region, sum(c7) AS c7 FROM prescription_rows GROUP BY 1
),
fines AS (
    -- Thousand tenge, rounded half up to one decimal per region (PostgreSQL rounds numeric halves
    -- away from zero, which is HALF_UP for the non-negative amounts the checks admit).
    SELECT left(region_kato, 2) AS region, sum(c8) AS c8, round(sum(c9) / 1000, 1) AS c9
    FROM fine_rows GROUP BY 1
),
suspensions AS (
    SELECT left(region_kato, 2) AS region, sum(c10) AS c10, sum(c11) AS c11, sum(c12) AS c12
    FROM suspension_rows GROUP BY 1
),
removals AS (
    SELECT left(region_kato, 2) AS region, sum(c13) AS c13 FROM worker_removal_rows GROUP BY 1
),
investigations AS (
    SELECT left(region_kato, 2) AS region, sum(c14) AS c14 FROM accident_investigation_rows GROUP BY 1
),
referrals AS (
    SELECT left(region_kato, 2) AS region, sum(c15) AS c15 FROM law_enforcement_referral_rows GROUP BY 1
),
criminal_cases AS (
    SELECT left(region_kato, 2) AS region, sum(c16) AS c16 FROM criminal_case_rows GROUP BY 1
),
prosecuted AS (
    SELECT left(region_kato, 2) AS region, sum(c17) AS c17 FROM prosecuted_person_rows GROUP BY 1
),
-- The conditions below are word for word the predicates of the partial indexes (V4, V6): the
-- planner uses a partial index only when the query's conditions imply its predicate.
-- A malformed code is anything but nine ASCII digits: length 9 with nothing left after trimming
-- the digits, the same as !~ '^[0-9]{9}$' without a regular expression's per-row cost.
suspect AS (
    SELECT left(s.region_kato, 2) AS region, count(*) AS suspect
    FROM (
        SELECT t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM prescription t, p
        WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM criminal_case t, p
        WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.amount_kzt IS NULL OR t.amount_kzt < 0)
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.workers_count IS NULL OR t.workers_count < 1)
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.object_kind IS NULL OR t.object_kind NOT IN ('EQUIPMENT', 'FACILITY', 'ORGANIZATION'))
        UNION ALL
        SELECT t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.kind IS NULL OR t.kind NOT IN ('PREVENTIVE_CONTROL', 'UNSCHEDULED', 'OTHER')
               OR t.subject_kind IS NULL OR t.subject_kind NOT IN ('INDIVIDUAL', 'LEGAL_ENTITY'))
        -- rows of the period without recorded_at: no cut-off can admit them, so they would be
        -- dropped without a word
        UNION ALL
        SELECT t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM prescription t, p
        WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM criminal_case t, p
        WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at IS NULL
        -- rows without a date, recorded since the period began (they may belong to it)
        UNION ALL
        SELECT t.region_kato FROM inspection t, p
        WHERE t.completed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.detected_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM prescription t, p
        WHERE t.issued_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM criminal_case t, p
        WHERE t.opened_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
    ) s
    GROUP BY 1
),
unplaced AS (
    SELECT (SELECT count(*) - count(DISTINCT id) FROM inspection_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM violation_detected_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM violation_eliminated_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM prescription_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM fine_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM suspension_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM worker_removal_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM accident_investigation_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM law_enforcement_referral_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM criminal_case_rows)
         + (SELECT count(*) - count(DISTINCT id) FROM prosecuted_person_rows) AS unplaced
),
catalogue AS (
    SELECT unnest(string_to_array(CAST(:regions AS text), ',')) AS region
)
SELECT region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4,
       coalesce(c5, 0) AS c5, coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7,
       coalesce(c8, 0) AS c8, coalesce(c9, 0) AS c9,
       coalesce(c10, 0) AS c10, coalesce(c11, 0) AS c11, coalesce(c12, 0) AS c12,
       coalesce(c13, 0) AS c13, coalesce(c14, 0) AS c14, coalesce(c15, 0) AS c15,
       coalesce(c16, 0) AS c16, coalesce(c17, 0) AS c17,
       coalesce(suspect, 0) AS suspect, unplaced.unplaced
FROM catalogue
     FULL JOIN inspections USING (region)
     FULL JOIN violations_detected USING (region)
     FULL JOIN violations_eliminated USING (region)
     FULL JOIN prescriptions USING (region)
     FULL JOIN fines USING (region)
     FULL JOIN suspensions USING (region)
     FULL JOIN removals USING (region)
     FULL JOIN investigations USING (region)
     FULL JOIN referrals USING (region)
     FULL JOIN criminal_cases USING (region)
     FULL JOIN prosecuted USING (region)
     FULL JOIN suspect USING (region)
     CROSS JOIN unplaced
ORDER BY region
