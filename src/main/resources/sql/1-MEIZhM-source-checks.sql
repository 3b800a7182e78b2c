-- Source rows that would make 1-МЕИЖМ wrong, grouped by relation and problem, naming row ids
-- (at most 50 per group; n counts them all). Only rows that would count in the period are checked,
-- so an old bad row does not block every later period; a row with no date is checked when it was
-- recorded within the period or after it, up to as_of, since it may belong to it.
-- Parameters: from, until (date), as_of (timestamptz), regions (comma-separated prefixes), zone.
--
-- Every CTE is NOT MATERIALIZED so that PostgreSQL inlines it: the parameters become constants and
-- each relation's conditions reach its own index (the period's key range of the covering date
-- index; the partial "undated" index for rows without a date, V3). A materialized CTE would read
-- every relation in full.
WITH p AS NOT MATERIALIZED (
    SELECT CAST(:?from AS date) AS d_from, CAST(:?until AS date) AS d_until,
           CAST(:?as_of AS timestamptz) AS as_of,
           string_to_array(CAST(:?regions AS text), ',') AS regions,
           CAST(:?zone AS text) AS zone
),
w AS NOT MATERIALIZED (
    SELECT p.*, (p.d_from::timestamp AT TIME ZONE p.zone) AS window_start FROM p
),
facts (relation, id, region_kato, day, recorded_at) AS NOT MATERIALIZED (
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
-- The facts whose date is missing: those of "facts" with day IS NULL (an eliminated violation
-- only enters "facts" with its elimination date, so it is never undated there).
undated (relation, id, recorded_at) AS NOT MATERIALIZED (
    SELECT 'inspection', id, recorded_at FROM inspection WHERE completed_on IS NULL
    UNION ALL SELECT 'violation', id, recorded_at FROM violation WHERE detected_on IS NULL
    UNION ALL SELECT 'prescription', id, recorded_at FROM prescription WHERE issued_on IS NULL
    UNION ALL SELECT 'fine', id, recorded_at FROM fine WHERE imposed_on IS NULL
    UNION ALL SELECT 'suspension', id, recorded_at FROM suspension WHERE suspended_on IS NULL
    UNION ALL SELECT 'worker_removal', id, recorded_at FROM worker_removal WHERE removed_on IS NULL
    UNION ALL SELECT 'accident_investigation', id, recorded_at FROM accident_investigation WHERE completed_on IS NULL
    UNION ALL SELECT 'law_enforcement_referral', id, recorded_at FROM law_enforcement_referral WHERE sent_on IS NULL
    UNION ALL SELECT 'criminal_case', id, recorded_at FROM criminal_case WHERE opened_on IS NULL
    UNION ALL SELECT 'prosecuted_person', id, recorded_at FROM prosecuted_person WHERE charged_on IS NULL
),
-- A valid code is exactly nine ASCII digits starting with a region's prefix. "Nine digits" is
-- tested as length 9 with nothing left after trimming the digits, the same as ~ '^[0-9]{9}$'
-- at a fraction of a regular expression's cost per row (it runs on every row of the period).
problems (relation, problem, id) AS (
    SELECT f.relation, 'region code with no matching region', f.id
    FROM facts f, w
    WHERE f.day >= w.d_from AND f.day < w.d_until AND f.recorded_at <= w.as_of
      AND (f.region_kato IS NULL OR NOT (left(f.region_kato, 2) = ANY (w.regions))
           OR length(f.region_kato) <> 9 OR ltrim(f.region_kato, '0123456789') <> '')
    UNION ALL
    SELECT u.relation, 'null date', u.id
    FROM undated u, w
    WHERE u.recorded_at >= w.window_start AND u.recorded_at <= w.as_of
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
