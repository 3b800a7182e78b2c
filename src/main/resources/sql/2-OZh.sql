-- 2-ӨЖ, state of industrial injuries: columns 2..8 per region, one statement.
-- An accident counts when occurred_on falls in [from, until) and it was recorded by as_of; its
-- victims count when they too were recorded by as_of, so a group accident (two or more victims) is
-- judged by the victims known at the cut-off. Victims take their accident's period and region.
-- Parameters: from (date), until (date), as_of (timestamptz).
WITH p AS NOT MATERIALIZED (
    SELECT CAST(:?from AS date) AS d_from, CAST(:?until AS date) AS d_until, CAST(:?as_of AS timestamptz) AS as_of
),
accidents AS (
    SELECT a.id, left(a.region_kato, 2) AS region
    FROM accident a, p
    WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
),
victims AS (
    SELECT v.accident_id,
           count(*) AS n,
           count(*) FILTER (WHERE v.severity IN ('LIGHT', 'MODERATE')) AS light_moderate,
           count(*) FILTER (WHERE v.severity = 'SEVERE') AS severe,
           count(*) FILTER (WHERE v.severity = 'FATAL') AS fatal
    FROM accident_victim v JOIN accidents a ON a.id = v.accident_id, p
    WHERE v.recorded_at <= p.as_of
    GROUP BY v.accident_id
)
SELECT a.region,
       count(*) AS c2,
       count(*) FILTER (WHERE v.n >= 2) AS c3,
       coalesce(sum(v.n), 0) AS c4,
       coalesce(sum(v.n) FILTER (WHERE v.n >= 2), 0) AS c5,
       coalesce(sum(v.light_moderate), 0) AS c6,
       coalesce(sum(v.severe), 0) AS c7,
       coalesce(sum(v.fatal), 0) AS c8
FROM accidents a LEFT JOIN victims v ON v.accident_id = a.id
GROUP BY a.region
ORDER BY a.region
