-- 1-МЕИЖМ: which source rows count toward which column, and by how much. The one definition of the
-- form's arithmetic: 1-MEIZhM.sql sums these contributions per region, 1-MEIZhM-explain.sql lists
-- them for one cell, so a cell and the rows said to make it up cannot drift apart.
--
-- A fragment of a WITH list, composed into those statements by SqlLibrary ("-- include:"). It
-- defines p (the parameters); per date column a form counts by, <relation>_rows: the relation's
-- rows that count in the period, with the date that placed them there, their region code, when they
-- were recorded and their contribution to each column they count toward (NULL where they do not);
-- and counted, all of those side by side with their relation, for a cell's rows. A fact counts
-- when its date falls in [from, until) and it was recorded by as_of (source-contract.md). A
-- violation detected and eliminated in the period is one row of each of its two CTEs. c9 is the
-- fine in tenge; the form prints thousand tenge, rounded per region (1-MEIZhM.sql).
--
-- Every <relation>_rows is a key range of the relation's covering date index (V3), an index-only
-- scan of the period alone. All are NOT MATERIALIZED, so the statement's own conditions reach each
-- scan: in counted, a condition on one column removes at planning time the branches that have
-- nothing for it, and a region's condition filters each branch's index entries.
-- Parameters: from (date), until (date), as_of (timestamptz), zone (the reporting time zone).
p AS NOT MATERIALIZED (
    SELECT q.*, (q.d_from::timestamp AT TIME ZONE q.zone) AS window_start
    FROM (SELECT CAST(:from AS date) AS d_from, CAST(:until AS date) AS d_until,
                 CAST(:as_of AS timestamptz) AS as_of, CAST(:zone AS text) AS zone) q
),
inspection_rows AS NOT MATERIALIZED (
    SELECT t.id, t.completed_on AS day, t.region_kato, t.recorded_at,
           1 AS c2, CASE WHEN t.kind = 'PREVENTIVE_CONTROL' THEN 1 END AS c3, CASE WHEN t.kind = 'UNSCHEDULED' THEN 1 END AS c4
    FROM inspection t, p
    WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
),
violation_detected_rows AS NOT MATERIALIZED (
    SELECT t.id, t.detected_on AS day, t.region_kato, t.recorded_at,
           1 AS c5
    FROM violation t, p
    WHERE t.detected_on >= p.d_from AND t.detected_on < p.d_until AND t.recorded_at <= p.as_of
),
violation_eliminated_rows AS NOT MATERIALIZED (
    SELECT t.id, t.eliminated_on AS day, t.region_kato, t.recorded_at,
           1 AS c6
    FROM violation t, p
    WHERE t.eliminated_on >= p.d_from AND t.eliminated_on < p.d_until AND t.recorded_at <= p.as_of
),
prescription_rows AS NOT MATERIALIZED (
    SELECT t.id, t.issued_on AS day, t.region_kato, t.recorded_at,
           1 AS c7
    FROM prescription t, p
    WHERE t.issued_on >= p.d_from AND t.issued_on < p.d_until AND t.recorded_at <= p.as_of
),
fine_rows AS NOT MATERIALIZED (
    SELECT t.id, t.imposed_on AS day, t.region_kato, t.recorded_at,
           1 AS c8, t.amount_kzt AS c9
    FROM fine t, p
    WHERE t.imposed_on >= p.d_from AND t.imposed_on < p.d_until AND t.recorded_at <= p.as_of
),
suspension_rows AS NOT MATERIALIZED (
    SELECT t.id, t.suspended_on AS day, t.region_kato, t.recorded_at,
           CASE WHEN t.object_kind = 'EQUIPMENT' THEN 1 END AS c10, CASE WHEN t.object_kind = 'FACILITY' THEN 1 END AS c11, CASE WHEN t.object_kind = 'ORGANIZATION' THEN 1 END AS c12
    FROM suspension t, p
    WHERE t.suspended_on >= p.d_from AND t.suspended_on < p.d_until AND t.recorded_at <= p.as_of
),
worker_removal_rows AS NOT MATERIALIZED (
    SELECT t.id, t.removed_on AS day, t.region_kato, t.recorded_at,
           t.workers_count AS c13
    FROM worker_removal t, p
    WHERE t.removed_on >= p.d_from AND t.removed_on < p.d_until AND t.recorded_at <= p.as_of
),
accident_investigation_rows AS NOT MATERIALIZED (
    SELECT t.id, t.completed_on AS day, t.region_kato, t.recorded_at,
           1 AS c14
    FROM accident_investigation t, p
    WHERE t.completed_on >= p.d_from AND t.completed_on < p.d_until AND t.recorded_at <= p.as_of
),
law_enforcement_referral_rows AS NOT MATERIALIZED (
    SELECT t.id, t.sent_on AS day, t.region_kato, t.recorded_at,
           1 AS c15
    FROM law_enforcement_referral t, p
    WHERE t.sent_on >= p.d_from AND t.sent_on < p.d_until AND t.recorded_at <= p.as_of
),
criminal_case_rows AS NOT MATERIALIZED (
    SELECT t.id, t.opened_on AS day, t.region_kato, t.recorded_at,
           1 AS c16
    FROM criminal_case t, p
    WHERE t.opened_on >= p.d_from AND t.opened_on < p.d_until AND t.recorded_at <= p.as_of
),
prosecuted_person_rows AS NOT MATERIALIZED (
    SELECT t.id, t.charged_on AS day, t.region_kato, t.recorded_at,
           1 AS c17
    FROM prosecuted_person t, p
    WHERE t.charged_on >= p.d_from AND t.charged_on < p.d_until AND t.recorded_at <= p.as_of
),
-- Every contribution as a row of its own: the relation, id, accident_id (2-ӨЖ's victims only), the
-- date, the region code, when it was recorded, the column and the contribution (NULL: none).
counted (relation, id, accident_id, day, region_kato, recorded_at, col, contribution) AS NOT MATERIALIZED (
    SELECT 'inspection'::text, id, NULL::bigint, day, region_kato, recorded_at, 2, CAST(c2 AS numeric) FROM inspection_rows
    UNION ALL SELECT 'inspection', id, NULL, day, region_kato, recorded_at, 3, CAST(c3 AS numeric) FROM inspection_rows
    UNION ALL SELECT 'inspection', id, NULL, day, region_kato, recorded_at, 4, CAST(c4 AS numeric) FROM inspection_rows
    UNION ALL SELECT 'violation', id, NULL, day, region_kato, recorded_at, 5, CAST(c5 AS numeric) FROM violation_detected_rows
    UNION ALL SELECT 'violation', id, NULL, day, region_kato, recorded_at, 6, CAST(c6 AS numeric) FROM violation_eliminated_rows
    UNION ALL SELECT 'prescription', id, NULL, day, region_kato, recorded_at, 7, CAST(c7 AS numeric) FROM prescription_rows
    UNION ALL SELECT 'fine', id, NULL, day, region_kato, recorded_at, 8, CAST(c8 AS numeric) FROM fine_rows
    UNION ALL SELECT 'fine', id, NULL, day, region_kato, recorded_at, 9, CAST(c9 AS numeric) FROM fine_rows
    UNION ALL SELECT 'suspension', id, NULL, day, region_kato, recorded_at, 10, CAST(c10 AS numeric) FROM suspension_rows
    UNION ALL SELECT 'suspension', id, NULL, day, region_kato, recorded_at, 11, CAST(c11 AS numeric) FROM suspension_rows
    UNION ALL SELECT 'suspension', id, NULL, day, region_kato, recorded_at, 12, CAST(c12 AS numeric) FROM suspension_rows
    UNION ALL SELECT 'worker_removal', id, NULL, day, region_kato, recorded_at, 13, CAST(c13 AS numeric) FROM worker_removal_rows
    UNION ALL SELECT 'accident_investigation', id, NULL, day, region_kato, recorded_at, 14, CAST(c14 AS numeric) FROM accident_investigation_rows
    UNION ALL SELECT 'law_enforcement_referral', id, NULL, day, region_kato, recorded_at, 15, CAST(c15 AS numeric) FROM law_enforcement_referral_rows
    UNION ALL SELECT 'criminal_case', id, NULL, day, region_kato, recorded_at, 16, CAST(c16 AS numeric) FROM criminal_case_rows
    UNION ALL SELECT 'prosecuted_person', id, NULL, day, region_kato, recorded_at, 17, CAST(c17 AS numeric) FROM prosecuted_person_rows
)
