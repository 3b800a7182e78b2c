-- 2-ӨЖ over a range of months at one cut-off, in one statement: the quality checks' history for
-- months never delivered (docs/quality.md, section 2). For every month of [from, until) it returns
-- exactly the rows 2-OZh.sql returns for that month alone at the same as_of (region, c2..c8, suspect,
-- unplaced, with the same meaning and arithmetic), plus the month. The accidents, their victims and
-- what each contributes come from 2-OZh-rows.sql, whose p then spans the range: an accident and its
-- victims fall in the month of its date.
--
-- The parts of 2-OZh.sql over rows "recorded since the period began" are read once for the range,
-- counted by the month they were recorded in and summed from the last month back, so a month counts
-- every such row recorded from its first day to the cut-off, as its own statement would. Read month
-- by month, a month three years back would read three years of victims: the history's cost grew
-- with the square of its length.
--   - date-less accidents (suspect);
--   - victims whose accident does not exist (unplaced). A victim the month's pass reached has its
--     accident, so 2-OZh.sql's count is that of the victims recorded in the window whose accident
--     does not exist: found here among the victims recorded since the range began that the range's
--     pass did not reach, each looked up by id as 2-OZh.sql does.
-- Parameters: from (the first month's first day), until (the day after the last month), as_of
-- (timestamptz), zone (the reporting time zone), regions (the catalogue's prefixes, comma-separated).
WITH
-- include: 2-OZh-rows.sql
,
-- Each month of the range.
months AS (
    SELECT m::date AS month
    FROM p, generate_series(p.d_from::timestamp, p.d_until::timestamp - interval '1 month', interval '1 month') m
),
-- The pass over the range's accidents and their victims, each row in its accident's month.
pass AS MATERIALIZED (
    SELECT date_trunc('month', day::timestamp)::date AS month, left(region_kato, 2) AS region,
           accident_id, victim_id, n, c2, c3, c4, c5, c6, c7, c8
    FROM victims
),
counted_by_region AS (
    SELECT month, region, sum(c2) AS c2, sum(c3) AS c3, sum(c4) AS c4, sum(c5) AS c5,
           sum(c6) AS c6, sum(c7) AS c7, sum(c8) AS c8,
           count(*) FILTER (WHERE n = 0)
               + coalesce(sum(c4), 0) - coalesce(sum(c6), 0) - coalesce(sum(c7), 0) - coalesce(sum(c8), 0) AS unsound
    FROM pass
    GROUP BY month, region
),
-- The same conditions as 2-OZh.sql's suspect, word for word (the partial indexes' predicates).
suspect_dated AS (
    SELECT date_trunc('month', s.day::timestamp)::date AS month, left(s.region_kato, 2) AS region, count(*) AS n
    FROM (
        SELECT a.occurred_on AS day, a.region_kato FROM accident a, p
        WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
          AND (a.region_kato IS NULL OR length(a.region_kato) <> 9 OR ltrim(a.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT a.occurred_on AS day, a.region_kato FROM accident a, p
        WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at IS NULL
        UNION ALL
        SELECT a.occurred_on AS day, a.region_kato FROM accident_victim x JOIN accident a ON a.id = x.accident_id, p
        WHERE x.recorded_at IS NULL
          AND a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
    ) s
    GROUP BY 1, 2
),
-- Accidents without a date recorded since the range began, by region and the month they were
-- recorded in (recorded_month, below).
undated AS (
    SELECT left(a.region_kato, 2) AS region, r.recorded_month, count(*) AS n
    FROM accident a
         CROSS JOIN p
         CROSS JOIN LATERAL (SELECT date_trunc('month', a.recorded_at AT TIME ZONE p.zone) AS local_month) l
         CROSS JOIN LATERAL (SELECT CASE
             WHEN a.recorded_at < (l.local_month AT TIME ZONE p.zone) THEN (l.local_month - interval '1 month')::date
             WHEN a.recorded_at >= ((l.local_month + interval '1 month') AT TIME ZONE p.zone) THEN (l.local_month + interval '1 month')::date
             ELSE l.local_month::date END AS recorded_month) r
    WHERE a.occurred_on IS NULL AND a.recorded_at >= p.window_start AND a.recorded_at <= p.as_of
    GROUP BY 1, 2
),
-- A month's suspect rows: its own dated ones, and the date-less ones recorded in it or after.
suspect AS (
    SELECT month, region, CAST(sum(n) AS bigint) AS suspect
    FROM (
        SELECT month, region, n FROM suspect_dated
        UNION ALL
        SELECT m.month, u.region, u.n FROM months m JOIN undated u ON u.recorded_month >= m.month
    ) s
    GROUP BY 1, 2
),
-- Accidents and victims counted twice because their id is not unique, within each month.
repeated AS (
    SELECT month, count(*) FILTER (WHERE c2 IS NOT NULL) - count(DISTINCT accident_id)
                  + count(victim_id) - count(DISTINCT victim_id) AS n
    FROM pass
    GROUP BY month
),
-- Victims recorded since the range began whose accident does not exist, by the month they were
-- recorded in ("OFFSET 0": a lookup per victim left, as in 2-OZh.sql).
orphaned AS MATERIALIZED (
    SELECT r.recorded_month, count(*) AS n
    FROM (SELECT x.accident_id, x.recorded_at FROM accident_victim x, p
          WHERE x.recorded_at >= p.window_start AND x.recorded_at <= p.as_of
            AND NOT EXISTS (SELECT 1 FROM pass WHERE pass.victim_id = x.id AND pass.accident_id = x.accident_id)
          OFFSET 0) unreached
         CROSS JOIN p
         CROSS JOIN LATERAL (SELECT date_trunc('month', unreached.recorded_at AT TIME ZONE p.zone) AS local_month) l
         CROSS JOIN LATERAL (SELECT CASE
             WHEN unreached.recorded_at < (l.local_month AT TIME ZONE p.zone) THEN (l.local_month - interval '1 month')::date
             WHEN unreached.recorded_at >= ((l.local_month + interval '1 month') AT TIME ZONE p.zone) THEN (l.local_month + interval '1 month')::date
             ELSE l.local_month::date END AS recorded_month) r
    WHERE NOT EXISTS (SELECT 1 FROM accident a WHERE a.id = unreached.accident_id OFFSET 0)
    GROUP BY 1
),
unplaced AS MATERIALIZED (
    SELECT m.month,
           CAST(coalesce(r.n, 0) + coalesce((SELECT sum(o.n) FROM orphaned o WHERE o.recorded_month >= m.month), 0) AS bigint) AS unplaced
    FROM months m LEFT JOIN repeated r USING (month)
),
catalogue AS (
    SELECT m.month, c.region
    FROM months m CROSS JOIN unnest(string_to_array(CAST(:regions AS text), ',')) AS c (region)
)
SELECT month, region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4, coalesce(c5, 0) AS c5,
       coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7, coalesce(c8, 0) AS c8,
       coalesce(unsound, 0) + coalesce(suspect, 0) AS suspect, unplaced.unplaced
FROM catalogue
     FULL JOIN counted_by_region USING (month, region)
     FULL JOIN suspect USING (month, region)
     JOIN unplaced USING (month)
ORDER BY month, region
