-- Source rows that would make 2-ӨЖ wrong, grouped by relation and problem, naming row ids
-- (at most 50 per group; n counts them all). Runs only when the aggregation (2-OZh.sql) found such
-- rows. Checked: accidents and victims that count in the period, the period's accidents and
-- victims without recorded_at, accidents with no date and victims whose accident does not exist
-- recorded within the period or after it, up to as_of (they may belong to it). The parameters'
-- CTE is 2-OZh-rows.sql's (below, as composed by SqlLibrary).
-- Parameters: from, until (date), as_of (timestamptz), regions (comma-separated prefixes), zone.
WITH
-- include: 2-OZh-rows.sql
,
w AS (
    SELECT p.*, string_to_array(CAST(:regions AS text), ',') AS regions FROM p
),
accidents AS (
    SELECT a.* FROM accident a, p
    WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
),
-- Every victim of the period's accidents, recorded by the cut-off or without recorded_at, found by
-- one index lookup per accident (a repeated accident's victims once: its repetition is named).
period_victims AS (
    SELECT x.* FROM (SELECT DISTINCT id FROM accidents) a JOIN accident_victim x ON x.accident_id = a.id, p
    WHERE x.recorded_at <= p.as_of OR x.recorded_at IS NULL
),
-- A valid code is exactly nine ASCII digits starting with a region's prefix. "Nine digits" is
-- tested as length 9 with nothing left after trimming the digits, the same as ~ '^[0-9]{9}$'
-- at a fraction of a regular expression's cost per row (it runs on every row of the period).
-- Severity is checked exactly as the contract writes it: 'fatal' would count in column 4 and in
-- none of 6..8.
problems (relation, problem, id) AS (
    SELECT 'accident', 'region code with no matching region', a.id
    FROM accidents a, w
    WHERE a.region_kato IS NULL OR NOT (left(a.region_kato, 2) = ANY (w.regions))
           OR length(a.region_kato) <> 9 OR ltrim(a.region_kato, '0123456789') <> ''
    UNION ALL
    -- a victim without recorded_at is named as such, not its accident as one without victims
    SELECT 'accident', 'accident without victims', a.id
    FROM accidents a
    WHERE NOT EXISTS (SELECT 1 FROM period_victims x WHERE x.accident_id = a.id)
    UNION ALL
    SELECT 'accident_victim', CASE WHEN x.severity IS NULL THEN 'severity missing'
                                   ELSE 'severity not LIGHT, MODERATE, SEVERE or FATAL (upper case)' END, x.id
    FROM period_victims x
    WHERE x.recorded_at IS NOT NULL
      AND (x.severity IS NULL OR x.severity NOT IN ('LIGHT', 'MODERATE', 'SEVERE', 'FATAL'))
    UNION ALL
    SELECT 'accident_victim', 'recorded_at missing', x.id
    FROM period_victims x
    WHERE x.recorded_at IS NULL
    UNION ALL
    SELECT 'accident', 'recorded_at missing', a.id
    FROM accident a, p
    WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at IS NULL
    UNION ALL
    SELECT 'accident', 'occurred_on missing', a.id
    FROM accident a, w
    WHERE a.occurred_on IS NULL AND a.recorded_at >= w.window_start AND a.recorded_at <= w.as_of
    UNION ALL
    SELECT 'accident', 'duplicate id: the same id on more than one row', a.id
    FROM accidents a GROUP BY a.id HAVING count(*) > 1
    UNION ALL
    SELECT 'accident_victim', 'duplicate id: the same id on more than one row', x.id
    FROM period_victims x
    WHERE x.recorded_at IS NOT NULL
    GROUP BY x.id HAVING count(*) > 1
    UNION ALL
    SELECT 'accident_victim', CASE WHEN x.accident_id IS NULL THEN 'accident_id missing'
                                   ELSE 'accident_id matches no accident' END, x.id
    FROM accident_victim x, w
    WHERE x.recorded_at >= w.window_start AND x.recorded_at <= w.as_of
      AND NOT EXISTS (SELECT 1 FROM accident a WHERE a.id = x.accident_id OFFSET 0) -- one lookup per victim (2-OZh.sql)
)
SELECT relation, problem, count(DISTINCT id) AS n,
       array_to_string((array_agg(DISTINCT id ORDER BY id))[1 : 50], ', ') AS ids  -- spaced: ":50" would be a named parameter
FROM problems
GROUP BY relation, problem
ORDER BY relation, problem
