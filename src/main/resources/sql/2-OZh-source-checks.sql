-- Source rows that would make 2-ӨЖ wrong, grouped by relation and problem, naming row ids
-- (at most 50 per group; n counts them all). Checked: accidents and victims that count in the
-- period, and accidents with no date recorded within the period or after it, up to as_of.
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
accidents AS (
    SELECT a.* FROM accident a, w
    WHERE a.occurred_on >= w.d_from AND a.occurred_on < w.d_until AND a.recorded_at <= w.as_of
),
victims AS (
    SELECT v.* FROM accident_victim v JOIN accidents a ON a.id = v.accident_id, w
    WHERE v.recorded_at <= w.as_of
),
-- A valid code is exactly nine ASCII digits starting with a region's prefix. "Nine digits" is
-- tested as length 9 with nothing left after trimming the digits, the same as ~ '^[0-9]{9}$'
-- at a fraction of a regular expression's cost per row (it runs on every row of the period).
problems (relation, problem, id) AS (
    SELECT 'accident', 'region code with no matching region', a.id
    FROM accidents a, w
    WHERE a.region_kato IS NULL OR NOT (left(a.region_kato, 2) = ANY (w.regions))
           OR length(a.region_kato) <> 9 OR ltrim(a.region_kato, '0123456789') <> ''
    UNION ALL
    SELECT 'accident', 'accident without victims', a.id
    FROM accidents a
    WHERE NOT EXISTS (SELECT 1 FROM victims v WHERE v.accident_id = a.id)
    UNION ALL
    SELECT 'accident_victim', 'victim without severity', v.id
    FROM victims v
    WHERE v.severity IS NULL OR v.severity NOT IN ('LIGHT', 'MODERATE', 'SEVERE', 'FATAL')
    UNION ALL
    SELECT 'accident', 'null date', a.id
    FROM accident a, w
    WHERE a.occurred_on IS NULL AND a.recorded_at >= w.window_start AND a.recorded_at <= w.as_of
)
SELECT relation, problem, count(DISTINCT id) AS n,
       array_to_string((array_agg(DISTINCT id ORDER BY id))[1:50], ', ') AS ids
FROM problems
GROUP BY relation, problem
ORDER BY relation, problem
