-- Source rows that would make 1-МЕИЖМ wrong, grouped by relation and problem, naming row ids
-- (at most 50 per group; n counts them all). Only rows that would count in the period are checked,
-- so an old bad row does not block every later period; a row with no date is checked when it was
-- recorded within the period or after it, up to as_of, since it may belong to it.
-- Parameters: from, until (date), as_of (timestamptz), regions (comma-separated prefixes), zone.
WITH p AS (
    SELECT CAST(:?from AS date) AS d_from, CAST(:?until AS date) AS d_until,
           CAST(:?as_of AS timestamptz) AS as_of,
           string_to_array(CAST(:?regions AS text), ',') AS regions,
           CAST(:?zone AS text) AS zone
),
w AS (
    SELECT p.*, (p.d_from::timestamp AT TIME ZONE p.zone) AS window_start FROM p
),
facts (relation, id, region_kato, day, recorded_at) AS (
    SELECT 'inspection', id, region_kato, completed_on, recorded_at FROM inspection
    UNION ALL SELECT 'violation', id, region_kato, detected_on, recorded_at FROM violation
    UNION ALL SELECT 'violation', id, region_kato, eliminated_on, recorded_at FROM violation WHERE eliminated_on IS NOT NULL
    UNION ALL SELECT 'prescription', id, region_kato, issued_on, recorded_at FROM prescription
    UNION ALL SELECT 'fine', id, region_kato, imposed_on, recorded_at FROM fine
    UNION ALL SELECT 'suspension', id, region_kato, suspended_on, recorded_at FROM suspension
    UNION ALL SELECT 'worker_removal', id, region_kato, removed_on, recorded_at FROM worker_removal
    UNION ALL SELECT 'accident_investigation', id, region_kato, completed_on, recorded_at FROM accident_investigation
    UNION ALL SELECT 'law_enforcement_referral', id, region_kato, sent_on, recorded_at FROM law_enforcement_referral
    UNION ALL SELECT 'criminal_case', id, region_kato, opened_on, recorded_at FROM criminal_case
    UNION ALL SELECT 'prosecuted_person', id, region_kato, charged_on, recorded_at FROM prosecuted_person
),
problems (relation, problem, id) AS (
    SELECT f.relation, 'region code with no matching region', f.id
    FROM facts f, w
    WHERE f.day >= w.d_from AND f.day < w.d_until AND f.recorded_at <= w.as_of
      AND (f.region_kato IS NULL OR f.region_kato !~ '^[0-9]{9}$' OR NOT (left(f.region_kato, 2) = ANY (w.regions)))
    UNION ALL
    SELECT f.relation, 'null date', f.id
    FROM facts f, w
    WHERE f.day IS NULL AND f.recorded_at >= w.window_start AND f.recorded_at <= w.as_of
    UNION ALL
    SELECT 'fine', 'negative or missing amount', t.id
    FROM fine t, w
    WHERE t.imposed_on >= w.d_from AND t.imposed_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.amount_kzt IS NULL OR t.amount_kzt < 0)
    UNION ALL
    SELECT 'worker_removal', 'workers_count below 1', t.id
    FROM worker_removal t, w
    WHERE t.removed_on >= w.d_from AND t.removed_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.workers_count IS NULL OR t.workers_count < 1)
    UNION ALL
    SELECT 'suspension', 'object_kind not EQUIPMENT, FACILITY or ORGANIZATION', t.id
    FROM suspension t, w
    WHERE t.suspended_on >= w.d_from AND t.suspended_on < w.d_until AND t.recorded_at <= w.as_of
      AND (t.object_kind IS NULL OR t.object_kind NOT IN ('EQUIPMENT', 'FACILITY', 'ORGANIZATION'))
)
SELECT relation, problem, count(DISTINCT id) AS n,
       array_to_string((array_agg(DISTINCT id ORDER BY id))[1:50], ', ') AS ids
FROM problems
GROUP BY relation, problem
ORDER BY relation, problem
