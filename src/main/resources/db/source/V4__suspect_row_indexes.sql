-- Partial indexes over the rows the source checks reject (RECOMMENDATIONS to the information
-- system's owners, like V3: on a real deployment they go on the tables behind the contract's views).
--
-- Each form's aggregation counts, in the same statement, the period's rows that cannot be counted
-- (docs/forms.md, "Controls before sending"). Testing every row of the period for a nine-digit code took
-- as long as the aggregation itself; with these indexes the test runs when a row is written, and
-- the statement only looks up the period's key range in an index that is normally empty. Without
-- them the statements give the same answers, at the cost of that per-row test.
--
-- The predicates must stay word for word those of the statements in src/main/resources/sql/ (the
-- planner uses a partial index only when the query's conditions imply its predicate), and the
-- planner must know that such rows are rare: the statistics objects below give it the
-- distribution of the code's length and of what is left after its digits (without them it
-- assumes the test matches most rows and, for a year to date, prefers reading every entry).
-- SuspectRowIndexesTest checks that the plans never test a row for these conditions.
-- A malformed code is anything but nine digits: length 9 with nothing left after trimming the
-- digits, the same as !~ '^[0-9]{9}$' without a regular expression's per-row cost.
CREATE INDEX inspection_completed_on_malformed ON inspection (completed_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX violation_detected_on_malformed ON violation (detected_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX violation_eliminated_on_malformed ON violation (eliminated_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX prescription_issued_on_malformed ON prescription (issued_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX fine_imposed_on_malformed ON fine (imposed_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX suspension_suspended_on_malformed ON suspension (suspended_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX worker_removal_removed_on_malformed ON worker_removal (removed_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX accident_investigation_completed_on_malformed ON accident_investigation (completed_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX law_enforcement_referral_sent_on_malformed ON law_enforcement_referral (sent_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX criminal_case_opened_on_malformed ON criminal_case (opened_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX prosecuted_person_charged_on_malformed ON prosecuted_person (charged_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';
CREATE INDEX accident_occurred_on_malformed ON accident (occurred_on)
    WHERE region_kato IS NULL OR length(region_kato) <> 9 OR ltrim(region_kato, '0123456789') <> '';

CREATE INDEX fine_imposed_on_bad_amount ON fine (imposed_on)
    WHERE amount_kzt IS NULL OR amount_kzt < 0;
CREATE INDEX worker_removal_removed_on_bad_count ON worker_removal (removed_on)
    WHERE workers_count IS NULL OR workers_count < 1;
CREATE INDEX suspension_suspended_on_bad_kind ON suspension (suspended_on)
    WHERE object_kind IS NULL OR object_kind NOT IN ('EQUIPMENT', 'FACILITY', 'ORGANIZATION');

CREATE STATISTICS inspection_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM inspection;
CREATE STATISTICS violation_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM violation;
CREATE STATISTICS prescription_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM prescription;
CREATE STATISTICS fine_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM fine;
CREATE STATISTICS suspension_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM suspension;
CREATE STATISTICS worker_removal_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM worker_removal;
CREATE STATISTICS accident_investigation_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM accident_investigation;
CREATE STATISTICS law_enforcement_referral_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM law_enforcement_referral;
CREATE STATISTICS criminal_case_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM criminal_case;
CREATE STATISTICS prosecuted_person_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM prosecuted_person;
CREATE STATISTICS accident_region_kato_shape ON (length(region_kato)), (ltrim(region_kato, '0123456789')) FROM accident;
