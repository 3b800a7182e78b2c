-- Source rows that would make 1-МЕИЖМ wrong, grouped by relation and problem, naming row ids
-- (at most 50 per group; n counts them all). Runs only when the aggregation (1-MEIZhM.sql) found
-- such rows. Only rows that would count in the period are checked, so an old bad row does not block
-- every later period; a row with no date is checked when it was recorded within the period or after
-- it, up to as_of, since it may belong to it. The rows the form counts are those of
-- 1-MEIZhM-rows.sql (below, as composed by SqlLibrary): the checks look at what the form would count.
-- Parameters: from, until (date), as_of (timestamptz), regions (comma-separated prefixes), zone.
--
-- Every CTE is NOT MATERIALIZED so that PostgreSQL inlines it: the parameters become constants and
-- each relation's conditions reach its own index (the period's key range of the covering date
-- index; the partial indexes over rows without a date or recorded_at, or with a value outside the
-- contract, V3, V4, V6). A materialized CTE would read every relation in full.
WITH
-- include: 1-MEIZhM-rows.sql
,
w AS NOT MATERIALIZED (
    SELECT p.*, string_to_array(CAST(:regions AS text), ',') AS regions FROM p
),
-- Each row the form counts, once per date column that places it in the period.
facts (relation, id, region_kato) AS NOT MATERIALIZED (
    SELECT 'inspection', id, region_kato FROM inspection_rows
    UNION ALL SELECT 'violation', id, region_kato FROM violation_detected_rows
    UNION ALL SELECT 'violation', id, region_kato FROM violation_eliminated_rows
    UNION ALL SELECT 'prescription', id, region_kato FROM prescription_rows
    UNION ALL SELECT 'fine', id, region_kato FROM fine_rows
    UNION ALL SELECT 'suspension', id, region_kato FROM suspension_rows
    UNION ALL SELECT 'worker_removal', id, region_kato FROM worker_removal_rows
    UNION ALL SELECT 'accident_investigation', id, region_kato FROM accident_investigation_rows
    UNION ALL SELECT 'law_enforcement_referral', id, region_kato FROM law_enforcement_referral_rows
    UNION ALL SELECT 'criminal_case', id, region_kato FROM criminal_case_rows
    UNION ALL SELECT 'prosecuted_person', id, region_kato FROM prosecuted_person_rows
),
-- An id on more than one row that a date column places in the period: the form counts each row.
repeated (relation, id) AS NOT MATERIALIZED (
    SELECT 'inspection', id FROM inspection_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'violation', id FROM violation_detected_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'violation', id FROM violation_eliminated_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'prescription', id FROM prescription_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'fine', id FROM fine_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'suspension', id FROM suspension_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'worker_removal', id FROM worker_removal_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'accident_investigation', id FROM accident_investigation_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'law_enforcement_referral', id FROM law_enforcement_referral_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'criminal_case', id FROM criminal_case_rows GROUP BY id HAVING count(*) > 1
    UNION ALL SELECT 'prosecuted_person', id FROM prosecuted_person_rows GROUP BY id HAVING count(*) > 1
),
-- The period's rows that no cut-off admits: recorded_at is missing.
unrecorded (relation, id) AS NOT MATERIALIZED (
    SELECT 'inspection', t.id FROM inspection t, p
    WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'violation', t.id FROM violation t, p
    WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'violation', t.id FROM violation t, p
    WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'prescription', t.id FROM prescription t, p
    WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'fine', t.id FROM fine t, p
    WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'suspension', t.id FROM suspension t, p
    WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'worker_removal', t.id FROM worker_removal t, p
    WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'accident_investigation', t.id FROM accident_investigation t, p
    WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'law_enforcement_referral', t.id FROM law_enforcement_referral t, p
    WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'criminal_case', t.id FROM criminal_case t, p
    WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at IS NULL
    UNION ALL SELECT 'prosecuted_person', t.id FROM prosecuted_person t, p
    WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at IS NULL
),
-- The rows whose date is missing, named by that column (an eliminated violation only counts by
-- its elimination date, so it is never undated there).
undated (relation, date_column, id, recorded_at) AS NOT MATERIALIZED (
    SELECT 'inspection', 'completed_on', id, recorded_at FROM inspection WHERE completed_on IS NULL
    UNION ALL SELECT 'violation', 'detected_on', id, recorded_at FROM violation WHERE detected_on IS NULL
    UNION ALL SELECT 'prescription', 'issued_on', id, recorded_at FROM prescription WHERE issued_on IS NULL
    UNION ALL SELECT 'fine', 'imposed_on', id, recorded_at FROM fine WHERE imposed_on IS NULL
    UNION ALL SELECT 'suspension', 'suspended_on', id, recorded_at FROM suspension WHERE suspended_on IS NULL
    UNION ALL SELECT 'worker_removal', 'removed_on', id, recorded_at FROM worker_removal WHERE removed_on IS NULL
    UNION ALL SELECT 'accident_investigation', 'completed_on', id, recorded_at FROM accident_investigation WHERE completed_on IS NULL
    UNION ALL SELECT 'law_enforcement_referral', 'sent_on', id, recorded_at FROM law_enforcement_referral WHERE sent_on IS NULL
    UNION ALL SELECT 'criminal_case', 'opened_on', id, recorded_at FROM criminal_case WHERE opened_on IS NULL
    UNION ALL SELECT 'prosecuted_person', 'charged_on', id, recorded_at FROM prosecuted_person WHERE charged_on IS NULL
),
-- A valid code is exactly nine ASCII digits starting with a region's prefix. "Nine digits" is
-- tested as length 9 with nothing left after trimming the digits, the same as ~ '^[0-9]{9}$'
-- at a fraction of a regular expression's cost per row (it runs on every row of the period).
-- Values are checked exactly as the contract writes them: 'preventive_control' is not
-- PREVENTIVE_CONTROL, and the form would count it in column 2 but not in column 3. The conditions
-- on values are word for word the predicates of the partial indexes over such rows (V4, V6).
problems (relation, problem, id) AS (
    SELECT f.relation, 'region code with no matching region', f.id
    FROM facts f, w
    WHERE f.region_kato IS NULL OR NOT (left(f.region_kato, 2) = ANY (w.regions))
       OR length(f.region_kato) <> 9 OR ltrim(f.region_kato, '0123456789') <> ''
    UNION ALL
    SELECT relation, 'duplicate id: the same id on more than one row', id FROM repeated
    UNION ALL
    SELECT relation, 'recorded_at missing', id FROM unrecorded
    UNION ALL
    SELECT u.relation, u.date_column || ' missing', u.id
    FROM undated u, w
    WHERE u.recorded_at >= w.window_start AND u.recorded_at <= w.as_of
    UNION ALL
    SELECT 'fine', CASE WHEN t.amount_kzt IS NULL THEN 'amount_kzt missing' ELSE 'amount_kzt negative' END, t.id
    FROM fine t, w
    WHERE t.imposed_on >= w.d_from AND t.imposed_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.amount_kzt IS NULL OR t.amount_kzt < 0)
    UNION ALL
    SELECT 'worker_removal', CASE WHEN t.workers_count IS NULL THEN 'workers_count missing' ELSE 'workers_count below 1' END, t.id
    FROM worker_removal t, w
    WHERE t.removed_on >= w.d_from AND t.removed_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.workers_count IS NULL OR t.workers_count < 1)
    UNION ALL
    SELECT 'suspension', CASE WHEN t.object_kind IS NULL THEN 'object_kind missing'
                              ELSE 'object_kind not EQUIPMENT, FACILITY or ORGANIZATION (upper case)' END, t.id
    FROM suspension t, w
    WHERE t.suspended_on >= w.d_from AND t.suspended_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.object_kind IS NULL OR t.object_kind NOT IN ('EQUIPMENT', 'FACILITY', 'ORGANIZATION'))
    UNION ALL
    SELECT 'inspection', v.problem, t.id
    FROM inspection t, w,
         LATERAL (VALUES
             (CASE WHEN t.kind IS NULL THEN 'kind missing'
                   WHEN t.kind NOT IN ('PREVENTIVE_CONTROL', 'UNSCHEDULED', 'OTHER')
                   THEN 'kind not PREVENTIVE_CONTROL, UNSCHEDULED or OTHER (upper case)' END),
             (CASE WHEN t.subject_kind IS NULL THEN 'subject_kind missing'
                   WHEN t.subject_kind NOT IN ('INDIVIDUAL', 'LEGAL_ENTITY')
                   THEN 'subject_kind not INDIVIDUAL or LEGAL_ENTITY (upper case)' END)) v (problem)
    WHERE t.completed_on >= w.d_from AND t.completed_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.kind IS NULL OR t.kind NOT IN ('PREVENTIVE_CONTROL', 'UNSCHEDULED', 'OTHER')
           OR t.subject_kind IS NULL OR t.subject_kind NOT IN ('INDIVIDUAL', 'LEGAL_ENTITY'))
      AND v.problem IS NOT NULL
)
SELECT relation, problem, count(DISTINCT id) AS n,
       array_to_string((array_agg(DISTINCT id ORDER BY id))[1 : 50], ', ') AS ids  -- spaced: ":50" would be a named parameter
FROM problems
GROUP BY relation, problem
ORDER BY relation, problem
