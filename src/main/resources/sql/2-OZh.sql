-- 2-ӨЖ, state of industrial injuries: columns 2..8 per region, one statement.
-- An accident counts when occurred_on falls in [from, until) and it was recorded by as_of; its
-- victims count when they too were recorded by as_of, so a group accident (two or more victims) is
-- judged by the victims known at the cut-off. Victims take their accident's period and region.
--
-- The same statement counts, per region prefix, the rows the source checks would reject (column
-- "suspect": an accident without victims or with a malformed code, a victim without a valid
-- severity, an accident without a date recorded since the period began), and a prefix that is no
-- region comes back as a row of its own (a missing code as a row with a null region). The pipeline
-- trusts the numbers only when nothing is suspect and every prefix is a region; otherwise it runs
-- 2-OZh-source-checks.sql to name the rows. So a clean period is read once, not twice.
-- Parameters: from (date), until (date), as_of (timestamptz), zone (the reporting time zone).
WITH p AS NOT MATERIALIZED (
    SELECT q.*, (q.d_from::timestamp AT TIME ZONE q.zone) AS window_start
    FROM (SELECT CAST(:?from AS date) AS d_from, CAST(:?until AS date) AS d_until,
                 CAST(:?as_of AS timestamptz) AS as_of, CAST(:?zone AS text) AS zone) q
),
accidents AS (
    SELECT a.id, left(a.region_kato, 2) AS region
    FROM accident a, p
    WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
),
-- Each accident's victims are counted by one index lookup per accident (LATERAL): a merge join
-- would read every victim ever recorded for a year-to-date period.
counted AS (
    SELECT a.region,
           count(*) AS c2,
           count(*) FILTER (WHERE v.n >= 2) AS c3,
           coalesce(sum(v.n), 0) AS c4,
           coalesce(sum(v.n) FILTER (WHERE v.n >= 2), 0) AS c5,
           coalesce(sum(v.light_moderate), 0) AS c6,
           coalesce(sum(v.severe), 0) AS c7,
           coalesce(sum(v.fatal), 0) AS c8,
           count(*) FILTER (WHERE v.n = 0) + coalesce(sum(v.n - v.light_moderate - v.severe - v.fatal), 0) AS unsound
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
),
-- Accidents with a malformed code (not nine digits) or without a date recorded since the period
-- began; each branch is a key range of a partial index over such rows (V4, V3), normally empty.
suspect AS (
    SELECT left(s.region_kato, 2) AS region, count(*) AS malformed_or_undated
    FROM (
        SELECT a.region_kato FROM accident a, p
        WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
          AND (a.region_kato IS NULL OR length(a.region_kato) <> 9 OR ltrim(a.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT a.region_kato FROM accident a, p
        WHERE a.occurred_on IS NULL AND a.recorded_at >= p.window_start AND a.recorded_at <= p.as_of
    ) s
    GROUP BY 1
)
SELECT region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4, coalesce(c5, 0) AS c5,
       coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7, coalesce(c8, 0) AS c8,
       coalesce(unsound, 0) + coalesce(malformed_or_undated, 0) AS suspect
FROM counted FULL JOIN suspect USING (region)
ORDER BY region
