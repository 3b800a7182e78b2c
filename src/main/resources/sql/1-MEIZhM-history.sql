-- 1-МЕИЖМ over a range of months at one cut-off, in one statement: the quality checks' history for
-- months never delivered (docs/quality.md, section 2). For every month of [from, until) it returns
-- exactly the rows 1-MEIZhM.sql returns for that month alone at the same as_of (region, c2..c17,
-- suspect, unplaced, with the same meaning and arithmetic: c9 rounded per region and month), plus
-- the month. The rows and their contributions come from 1-MEIZhM-rows.sql, whose p then spans the
-- range: each fact falls in the month of its date.
--
-- The one part of 1-MEIZhM.sql that is no month's own rows is the date-less rows "recorded since the
-- period began" (suspect): read once for the range, counted by the month they were recorded in and
-- summed from the last month back, so a month counts every such row recorded from its first day to
-- the cut-off, as its own statement would. Read month by month, the range would read them once per
-- month.
-- Parameters: from (the first month's first day), until (the day after the last month), as_of
-- (timestamptz), zone (the reporting time zone), regions (the catalogue's prefixes, comma-separated).
WITH
-- include: 1-MEIZhM-rows.sql
,
-- Each month of the range, with the instant it begins in the reporting zone (p.window_start's
-- definition, month by month).
months AS (
    SELECT m::date AS month, (m + interval '1 month')::date AS next, (m::date::timestamp AT TIME ZONE p.zone) AS window_start
    FROM p, generate_series(p.d_from::timestamp, p.d_until::timestamp - interval '1 month', interval '1 month') m
),
-- Sums per region and month, summed first per region and day: the month of each day is then worked
-- out once per day and region, not once per row (the day's sums are integers and tenge, exact).
inspections AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c2) AS bigint) AS c2, CAST(sum(c3) AS bigint) AS c3, CAST(sum(c4) AS bigint) AS c4
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c2) AS c2, sum(c3) AS c3, sum(c4) AS c4 FROM inspection_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
violations_detected AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c5) AS bigint) AS c5
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c5) AS c5 FROM violation_detected_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
violations_eliminated AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c6) AS bigint) AS c6
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c6) AS c6 FROM violation_eliminated_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
prescriptions AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c7) AS bigint) AS c7
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c7) AS c7 FROM prescription_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
fines AS (
    -- Thousand tenge, rounded half up to one decimal per region and month, as 1-MEIZhM.sql rounds
    -- per region in its period.
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c8) AS bigint) AS c8, round(sum(c9) / 1000, 1) AS c9
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c8) AS c8, sum(c9) AS c9 FROM fine_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
suspensions AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c10) AS bigint) AS c10, CAST(sum(c11) AS bigint) AS c11, CAST(sum(c12) AS bigint) AS c12
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c10) AS c10, sum(c11) AS c11, sum(c12) AS c12 FROM suspension_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
removals AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c13) AS bigint) AS c13
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c13) AS c13 FROM worker_removal_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
investigations AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c14) AS bigint) AS c14
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c14) AS c14 FROM accident_investigation_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
referrals AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c15) AS bigint) AS c15
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c15) AS c15 FROM law_enforcement_referral_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
criminal_cases AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c16) AS bigint) AS c16
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c16) AS c16 FROM criminal_case_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
prosecuted AS (
    SELECT date_trunc('month', day::timestamp)::date AS month, region, CAST(sum(c17) AS bigint) AS c17
    FROM (SELECT day, left(region_kato, 2) AS region, sum(c17) AS c17 FROM prosecuted_person_rows GROUP BY 1, 2) d
    GROUP BY 1, 2
),
-- The same conditions as 1-MEIZhM.sql's suspect, word for word (the partial indexes' predicates).
suspect_dated AS (
    SELECT date_trunc('month', s.day::timestamp)::date AS month, left(s.region_kato, 2) AS region, count(*) AS n
    FROM (
        SELECT t.completed_on AS day, t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.detected_on AS day, t.region_kato FROM violation t, p
        WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.eliminated_on AS day, t.region_kato FROM violation t, p
        WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.issued_on AS day, t.region_kato FROM prescription t, p
        WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.imposed_on AS day, t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.suspended_on AS day, t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.removed_on AS day, t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.completed_on AS day, t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.sent_on AS day, t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.opened_on AS day, t.region_kato FROM criminal_case t, p
        WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.charged_on AS day, t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.region_kato IS NULL OR length(t.region_kato) <> 9 OR ltrim(t.region_kato, '0123456789') <> '')
        UNION ALL
        SELECT t.imposed_on AS day, t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.amount_kzt IS NULL OR t.amount_kzt < 0)
        UNION ALL
        SELECT t.removed_on AS day, t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.workers_count IS NULL OR t.workers_count < 1)
        UNION ALL
        SELECT t.suspended_on AS day, t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.object_kind IS NULL OR t.object_kind NOT IN ('EQUIPMENT', 'FACILITY', 'ORGANIZATION'))
        UNION ALL
        SELECT t.completed_on AS day, t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
          AND (t.kind IS NULL OR t.kind NOT IN ('PREVENTIVE_CONTROL', 'UNSCHEDULED', 'OTHER')
               OR t.subject_kind IS NULL OR t.subject_kind NOT IN ('INDIVIDUAL', 'LEGAL_ENTITY'))
        -- rows of the period without recorded_at: no cut-off can admit them, so they would be
        -- dropped without a word
        UNION ALL
        SELECT t.completed_on AS day, t.region_kato FROM inspection t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.detected_on AS day, t.region_kato FROM violation t, p
        WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.eliminated_on AS day, t.region_kato FROM violation t, p
        WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.issued_on AS day, t.region_kato FROM prescription t, p
        WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.imposed_on AS day, t.region_kato FROM fine t, p
        WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.suspended_on AS day, t.region_kato FROM suspension t, p
        WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.removed_on AS day, t.region_kato FROM worker_removal t, p
        WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.completed_on AS day, t.region_kato FROM accident_investigation t, p
        WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.sent_on AS day, t.region_kato FROM law_enforcement_referral t, p
        WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.opened_on AS day, t.region_kato FROM criminal_case t, p
        WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at IS NULL
        UNION ALL
        SELECT t.charged_on AS day, t.region_kato FROM prosecuted_person t, p
        WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at IS NULL
    ) s
    GROUP BY 1, 2
),
-- Rows without a date recorded since the range began, by region and the month they were recorded in:
-- the month whose first instant in the reporting zone is the last at or before recorded_at (the
-- local calendar month, moved by one where a change of UTC offset at midnight puts the instant on
-- the other side of the month's first instant).
undated AS (
    SELECT left(s.region_kato, 2) AS region,
           CASE WHEN s.recorded_at < (l.local_month AT TIME ZONE p.zone) THEN (l.local_month - interval '1 month')::date
                WHEN s.recorded_at >= ((l.local_month + interval '1 month') AT TIME ZONE p.zone) THEN (l.local_month + interval '1 month')::date
                ELSE l.local_month::date END AS recorded_month,
           count(*) AS n
    FROM (
        SELECT t.region_kato, t.recorded_at FROM inspection t, p
        WHERE t.completed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM violation t, p
        WHERE t.detected_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM prescription t, p
        WHERE t.issued_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM fine t, p
        WHERE t.imposed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM suspension t, p
        WHERE t.suspended_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM worker_removal t, p
        WHERE t.removed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM accident_investigation t, p
        WHERE t.completed_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM law_enforcement_referral t, p
        WHERE t.sent_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM criminal_case t, p
        WHERE t.opened_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
        UNION ALL
        SELECT t.region_kato, t.recorded_at FROM prosecuted_person t, p
        WHERE t.charged_on IS NULL AND t.recorded_at >= p.window_start AND t.recorded_at <= p.as_of
    ) s
    CROSS JOIN p
    CROSS JOIN LATERAL (SELECT date_trunc('month', s.recorded_at AT TIME ZONE p.zone) AS local_month) l
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
-- Rows counted twice because their id is not unique, month by month as each month's statement
-- compares its rows with their distinct ids: each month's ids are one key range of the date index,
-- sorted in memory (one sort of the whole range's ids would spill to disk).
unplaced AS MATERIALIZED (
    SELECT m.month,
           (SELECT count(*) - count(DISTINCT id) FROM inspection_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM violation_detected_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM violation_eliminated_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM prescription_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM fine_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM suspension_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM worker_removal_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM accident_investigation_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM law_enforcement_referral_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM criminal_case_rows r WHERE r.day >= m.month AND r.day < m.next)
         + (SELECT count(*) - count(DISTINCT id) FROM prosecuted_person_rows r WHERE r.day >= m.month AND r.day < m.next) AS unplaced
    FROM months m
),
catalogue AS (
    SELECT m.month, c.region
    FROM months m CROSS JOIN unnest(string_to_array(CAST(:regions AS text), ',')) AS c (region)
)
SELECT month, region,
       coalesce(c2, 0) AS c2, coalesce(c3, 0) AS c3, coalesce(c4, 0) AS c4,
       coalesce(c5, 0) AS c5, coalesce(c6, 0) AS c6, coalesce(c7, 0) AS c7,
       coalesce(c8, 0) AS c8, coalesce(c9, 0) AS c9,
       coalesce(c10, 0) AS c10, coalesce(c11, 0) AS c11, coalesce(c12, 0) AS c12,
       coalesce(c13, 0) AS c13, coalesce(c14, 0) AS c14, coalesce(c15, 0) AS c15,
       coalesce(c16, 0) AS c16, coalesce(c17, 0) AS c17,
       coalesce(suspect, 0) AS suspect, unplaced.unplaced
FROM catalogue
     FULL JOIN inspections USING (month, region)
     FULL JOIN violations_detected USING (month, region)
     FULL JOIN violations_eliminated USING (month, region)
     FULL JOIN prescriptions USING (month, region)
     FULL JOIN fines USING (month, region)
     FULL JOIN suspensions USING (month, region)
     FULL JOIN removals USING (month, region)
     FULL JOIN investigations USING (month, region)
     FULL JOIN referrals USING (month, region)
     FULL JOIN criminal_cases USING (month, region)
     FULL JOIN prosecuted USING (month, region)
     FULL JOIN suspect USING (month, region)
     JOIN unplaced USING (month)
ORDER BY month, region
