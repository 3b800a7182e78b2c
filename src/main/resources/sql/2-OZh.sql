-- 2-ӨЖ, state of industrial injuries: columns 2..8 per region, one statement. The rows and what
-- each contributes come from 2-OZh-rows.sql (below, as composed by SqlLibrary); this sums them per
-- region in one pass over the period's accidents and their victims. Every region of the catalogue
-- gets a row (zeros where nothing counted), and a prefix that is no region a row of its own (a
-- missing code: a null region).
--
-- The same statement counts the rows the source checks would reject, so that the pipeline trusts
-- the numbers only when nothing is suspect and every prefix is a region, and otherwise runs
-- 2-OZh-source-checks.sql to name the rows: a clean period is read once, not twice.
--   suspect, per region prefix: an accident without victims, a victim whose severity is not one of
--     the contract's values (both seen in the pass itself: a victim counted in c4 and in none of
--     c6..c8), an accident with a malformed code, an accident or a victim of the period without
--     recorded_at, an accident without a date recorded since the period began. The last four are
--     key ranges of partial indexes over such rows (V3, V4, V6), normally empty.
--   unplaced, the same on every row: accidents or victims counted twice because their id is not
--     unique (the pass's number of rows against its number of distinct ids), and victims recorded
--     since the period began whose accident does not exist (each looked up by id).
-- Parameters: from (date), until (date), as_of (timestamptz), zone (the reporting time zone),
-- regions (the catalogue's prefixes, comma-separated).
WITH
-- include: 2-OZh-rows.sql
,
-- The pass is read more than once (sums, repeated ids, victims without an accident): materialized
-- once, so the victims are looked up once.
pass AS MATERIALIZED (
    SELECT left(region_kato, 2) AS region, accident_id, victim_id, n, c2, c3, c4, c5, c6, c7, c8 FROM victims
),
counted_by_region AS (
    SELECT region, sum(c2) AS c2, sum(c3) AS c3, sum(c4) AS c4, sum(c5) AS c5,
           sum(c6) AS c6, sum(c7) AS c7, sum(c8) AS c8,
           count(*) FILTER (WHERE n = 0)
               + coalesce(sum(c4), 0) - coalesce(sum(c6), 0) - coalesce(sum(c7), 0) - coalesce(sum(c8), 0) AS unsound
    FROM pass
    GROUP BY region
),
-- The conditions below are word for word the predicates of the partial indexes (V4, V6).
suspect AS (
    SELECT left(s.region_kato, 2) AS region, count(*) AS suspect
    FROM (
        SELECT a.region_kato FROM accident a, p
        WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
          AND (a.region_kato IS NULL OR length(a.region_kato) <> 9 OR ltrim(a.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT a.region_kato FROM accident a, p
        WHERE a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at IS NULL
        UNION ALL
        SELECT a.region_kato FROM accident_victim x JOIN accident a ON a.id = x.accident_id, p
        WHERE x.recorded_at IS NULL
          AND a.occurred_on >= p.d_from AND a.occurred_on < p.d_until AND a.recorded_at <= p.as_of
        UNION ALL
        SELECT a.region_kato FROM accident a, p
        WHERE a.occurred_on IS NULL AND a.recorded_at >= p.window_start AND a.recorded_at <= p.as_of
    ) s
    GROUP BY 1
),
unplaced AS (
    SELECT (SELECT count(*) FILTER (WHERE c2 IS NOT NULL) - count(DISTINCT accident_id) FROM pass)
         + (SELECT count(victim_id) - count(DISTINCT victim_id) FROM pass)
         -- A victim the pass reached has its accident. The others recorded since the period began
         -- (those of earlier accidents, and any without one) have theirs looked up by id ("OFFSET
         -- 0" keeps it a lookup per victim: as an anti join the planner may hash every accident
         -- ever recorded, a cost growing with the source's history).
         + (SELECT count(*)
            FROM (SELECT x.accident_id FROM accident_victim x, p
                  WHERE x.recorded_at >= p.window_start AND x.recorded_at <= p.as_of
                    AND NOT EXISTS (SELECT 1 FROM pass WHERE pass.victim_id = x.id AND pass.accident_id = x.accident_id)
                  OFFSET 0) unreached -- (the lookups below only for what is left here)
            WHERE NOT EXISTS (SELECT 1 FROM accident a WHERE a.id = unreached.accident_id OFFSET 0)) AS unplaced
),
catalogue AS (
    SELECT unnest(string_to_array(CAST(:regions AS text), ',')) AS region
)
SELECT region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4, coalesce(c5, 0) AS c5,
       coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7, coalesce(c8, 0) AS c8,
       coalesce(unsound, 0) + coalesce(suspect, 0) AS suspect, unplaced.unplaced
FROM catalogue
     FULL JOIN counted_by_region USING (region)
     FULL JOIN suspect USING (region)
     CROSS JOIN unplaced
ORDER BY region
