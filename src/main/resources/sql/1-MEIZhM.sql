-- 1-МЕИЖМ, work of state labour inspectors: columns 2..17 per region, one statement.
-- A fact counts when its date column falls in [from, until) and it was recorded by as_of
-- (docs/source-contract.md). Regions are the first two digits of region_kato, so district, city and
-- village codes roll up to their region. Regions with no facts return no row (the form prints zeros).
--
-- The same statement counts, per region prefix, the rows the source checks would reject (column
-- "suspect": a malformed code, a negative or missing amount, an unknown object kind, a workers
-- count below 1, a row without a date recorded since the period began), and a prefix that is no
-- region comes back as a row of its own (a missing code as a row with a null region). The pipeline
-- trusts the numbers only when nothing is suspect and every prefix is a region; otherwise it runs
-- 1-MEIZhM-source-checks.sql to name the rows. So a clean period is read once, not twice.
-- Parameters: from (date), until (date), as_of (timestamptz), zone (the reporting time zone).
WITH p AS NOT MATERIALIZED (
    SELECT q.*, (q.d_from::timestamp AT TIME ZONE q.zone) AS window_start
    FROM (SELECT CAST(:?from AS date) AS d_from, CAST(:?until AS date) AS d_until,
                 CAST(:?as_of AS timestamptz) AS as_of, CAST(:?zone AS text) AS zone) q
),
inspections AS (
    SELECT left(t.region_kato, 2) AS region,
           count(*) AS c2,
           count(*) FILTER (WHERE t.kind = 'PREVENTIVE_CONTROL') AS c3,
           count(*) FILTER (WHERE t.kind = 'UNSCHEDULED') AS c4
    FROM inspection t, p
    WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
violations_detected AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c5
    FROM violation t, p
    WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
violations_eliminated AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c6
    FROM violation t, p
    WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
prescriptions AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c7
    FROM prescription t, p
    WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
fines AS (
    -- Thousand tenge, rounded half up to one decimal per region (PostgreSQL rounds numeric halves
    -- away from zero, which is HALF_UP for the non-negative amounts the controls admit).
    SELECT left(t.region_kato, 2) AS region, count(*) AS c8, round(sum(t.amount_kzt) / 1000, 1) AS c9
    FROM fine t, p
    WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
suspensions AS (
    SELECT left(t.region_kato, 2) AS region,
           count(*) FILTER (WHERE t.object_kind = 'EQUIPMENT') AS c10,
           count(*) FILTER (WHERE t.object_kind = 'FACILITY') AS c11,
           count(*) FILTER (WHERE t.object_kind = 'ORGANIZATION') AS c12
    FROM suspension t, p
    WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
removals AS (
    SELECT left(t.region_kato, 2) AS region, sum(t.workers_count) AS c13
    FROM worker_removal t, p
    WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
investigations AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c14
    FROM accident_investigation t, p
    WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
referrals AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c15
    FROM law_enforcement_referral t, p
    WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
criminal_cases AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c16
    FROM criminal_case t, p
    WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
prosecuted AS (
    SELECT left(t.region_kato, 2) AS region, count(*) AS c17
    FROM prosecuted_person t, p
    WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at <= p.as_of
    GROUP BY 1
),
-- The period's rows the source checks would reject, by region prefix; every branch is a key range
-- of a partial index over such rows (V3's undated, V4's malformed/bad value), normally empty.
-- A malformed code is anything but exactly nine ASCII digits.
suspect AS (
    SELECT left(s.region_kato, 2) AS region, count(*) AS suspect
    FROM (
        SELECT t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM prescription t, p
        WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM criminal_case t, p
        WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.amount_kzt IS NULL OR t.amount_kzt < 0)
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.workers_count IS NULL OR t.workers_count < 1)
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.object_kind IS NULL OR t.object_kind NOT IN ('EQUIPMENT', 'FACILITY', 'ORGANIZATION'))
        UNION ALL
        SELECT t.region_kato FROM inspection t, p
        WHERE t.completed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM violation t, p
        WHERE t.detected_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM prescription t, p
        WHERE t.issued_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM fine t, p
        WHERE t.imposed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM suspension t, p
        WHERE t.suspended_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM worker_removal t, p
        WHERE t.removed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM criminal_case t, p
        WHERE t.opened_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
    ) s
    GROUP BY 1
)
SELECT region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4,
       coalesce(c5, 0) AS c5, coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7,
       coalesce(c8, 0) AS c8, coalesce(c9, 0) AS c9,
       coalesce(c10, 0) AS c10, coalesce(c11, 0) AS c11, coalesce(c12, 0) AS c12,
       coalesce(c13, 0) AS c13, coalesce(c14, 0) AS c14, coalesce(c15, 0) AS c15,
       coalesce(c16, 0) AS c16, coalesce(c17, 0) AS c17,
       coalesce(suspect, 0) AS suspect
FROM inspections
     FULL JOIN violations_detected USING (region)
     FULL JOIN violations_eliminated USING (region)
     FULL JOIN prescriptions USING (region)
     FULL JOIN fines USING (region)
     FULL JOIN suspensions USING (region)
     FULL JOIN removals USING (region)
     FULL JOIN investigations USING (region)
     FULL JOIN referrals USING (region)
     FULL JOIN criminal_cases USING (region)
     FULL JOIN prosecuted USING (region)
     FULL JOIN suspect USING (region)
ORDER BY region
