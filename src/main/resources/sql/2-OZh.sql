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
)
-- Each accident's victims are counted by one index lookup per accident (LATERAL): a merge join
-- would read every victim ever recorded for a year-to-date period.
SELECT a.region,
       count(*) AS c2,
       count(*) FILTER (WHERE v.n >= 2) AS c3,
       coalesce(sum(v.n), 0) AS c4,
       coalesce(sum(v.n) FILTER (WHERE v.n >= 2), 0) AS c5,
       coalesce(sum(v.light_moderate), 0) AS c6,
       coalesce(sum(v.severe), 0) AS c7,
       coalesce(sum(v.fatal), 0) AS c8
FROM accidents a
     CROSS JOIN LATERAL (
         SELECT count(*) AS n,
                count(*) FILTER (WHERE x.severity IN ('LIGHT', 'MODERATE')) AS light_moderate,
                count(*) FILTER (WHERE x.severity = 'SEVERE') AS severe,
                count(*) FILTER (WHERE x.severity = 'FATAL') AS fatal
         FROM accident_victim x, p
         WHERE x.accident_id = a.id AND x.recorded_at <= p.as_of
     ) v
GROUP BY a.region
ORDER BY a.region
