-- 2-ӨЖ: which source rows count toward which column. The one definition of the form's arithmetic:
-- 2-OZh.sql sums these contributions per region, 2-OZh-explain.sql lists them for one cell, so what
-- a cell shows and the rows said to make it up cannot drift apart.
--
-- A fragment of a WITH list, composed into those statements by SqlLibrary ("-- include:"). It
-- defines p (the parameters), victims and counted.
--
-- An accident counts when occurred_on falls in [from, until) and it was recorded by as_of; its
-- victims count when they too were recorded by as_of, so a group accident (two or more victims) is
-- judged by the victims known at the cut-off. Victims take their accident's date and region
-- (source-contract.md).
--
-- victims: each accident of the period once per victim recorded by the cut-off (an accident with no
-- such victim once, with none), found by one index lookup per accident (LATERAL: a merge join
-- would read every victim ever recorded for a year-to-date period). n is the accident's number of
-- victims, k numbers them; the accident's own contributions (c2, c3) ride on its first row (k = 1),
-- each victim's (c4..c8) on its own row. The aggregation sums them in one pass.
-- counted: every contribution as a row of its own, of the relation it counts (accident rows for c2
-- and c3, accident_victim rows with their accident_id for c4..c8), the column and the contribution
-- (NULL: none), for a cell's rows. It is NOT MATERIALIZED, so a condition on one column removes
-- the other branches at planning time, and a region's condition reaches the accidents' scan.
-- Parameters: from (date), until (date), as_of (timestamptz), zone (the reporting time zone).
p AS NOT MATERIALIZED (
    SELECT q.*, (q.d_from::timestamp AT TIME ZONE q.zone) AS window_start
    FROM (SELECT CAST(:from AS date) AS d_from, CAST(:until AS date) AS d_until,
                 CAST(:as_of AS timestamptz) AS as_of, CAST(:zone AS text) AS zone) q
),
victims AS NOT MATERIALIZED (
    SELECT a.id AS accident_id, a.occurred_on AS day, a.region_kato, a.recorded_at AS accident_recorded_at,
           v.id AS victim_id, v.recorded_at AS victim_recorded_at, coalesce(v.n, 0) AS n, coalesce(v.k, 1) AS k,
           CASE WHEN coalesce(v.k, 1) = 1 THEN 1 END AS c2,
           CASE WHEN coalesce(v.k, 1) = 1 AND v.n >= 2 THEN 1 END AS c3,
           CASE WHEN v.k IS NOT NULL THEN 1 END AS c4,
           CASE WHEN v.n >= 2 THEN 1 END AS c5,
           CASE WHEN v.severity IN ('LIGHT', 'MODERATE') THEN 1 END AS c6,
           CASE WHEN v.severity = 'SEVERE' THEN 1 END AS c7,
           CASE WHEN v.severity = 'FATAL' THEN 1 END AS c8
    FROM accident a
         CROSS JOIN p
         LEFT JOIN LATERAL (
             SELECT x.id, x.recorded_at, x.severity, count(*) OVER () AS n, row_number() OVER () AS k
             FROM accident_victim x
             WHERE x.accident_id = a.id AND x.recorded_at <= p.as_of
         ) v ON true
    WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
),
counted (relation, id, accident_id, day, region_kato, recorded_at, col, contribution) AS NOT MATERIALIZED (
    SELECT 'accident'::text, accident_id, NULL::bigint, day, region_kato, accident_recorded_at, 2, CAST(c2 AS numeric) FROM victims
    UNION ALL SELECT 'accident', accident_id, NULL, day, region_kato, accident_recorded_at, 3, CAST(c3 AS numeric) FROM victims
    UNION ALL SELECT 'accident_victim', victim_id, accident_id, day, region_kato, victim_recorded_at, 4, CAST(c4 AS numeric) FROM victims
    UNION ALL SELECT 'accident_victim', victim_id, accident_id, day, region_kato, victim_recorded_at, 5, CAST(c5 AS numeric) FROM victims
    UNION ALL SELECT 'accident_victim', victim_id, accident_id, day, region_kato, victim_recorded_at, 6, CAST(c6 AS numeric) FROM victims
    UNION ALL SELECT 'accident_victim', victim_id, accident_id, day, region_kato, victim_recorded_at, 7, CAST(c7 AS numeric) FROM victims
    UNION ALL SELECT 'accident_victim', victim_id, accident_id, day, region_kato, victim_recorded_at, 8, CAST(c8 AS numeric) FROM victims
)
