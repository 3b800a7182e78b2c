-- 1-МЕИЖМ, work of state labour inspectors: columns 2..17 per region, one statement.
-- A fact counts when its date column falls in [from, until) and it was recorded by as_of
-- (source-contract.md). Regions are the first two digits of region_kato, so district, city and
-- village codes roll up to their region. Regions with no facts return no row (the form prints zeros).
-- Parameters: from (date), until (date), as_of (timestamptz).
WITH p AS NOT MATERIALIZED (
    SELECT CAST(:?from AS date) AS d_from, CAST(:?until AS date) AS d_until, CAST(:?as_of AS timestamptz) AS as_of
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
)
SELECT region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4,
       coalesce(c5, 0) AS c5, coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7,
       coalesce(c8, 0) AS c8, coalesce(c9, 0) AS c9,
       coalesce(c10, 0) AS c10, coalesce(c11, 0) AS c11, coalesce(c12, 0) AS c12,
       coalesce(c13, 0) AS c13, coalesce(c14, 0) AS c14, coalesce(c15, 0) AS c15,
       coalesce(c16, 0) AS c16, coalesce(c17, 0) AS c17
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
ORDER BY region
