-- Indexes the source checks added with V5 need (RECOMMENDATIONS to the information system's owners,
-- like V3 and V4: on a real deployment they go on the tables behind the contract's views).
--
-- As in V4, each form's aggregation counts the period's rows the checks reject by looking up the
-- period's key range in partial indexes over such rows, normally empty; the predicates must stay word
-- for word those of the statements in src/main/resources/sql/ (the planner uses a partial index only
-- when the query's conditions imply its predicate).
--
-- 1. Rows of the period without recorded_at, by each date column a form counts by.
CREATE INDEX inspection_completed_on_unrecorded ON inspection (completed_on) WHERE recorded_at IS NULL;
CREATE INDEX violation_detected_on_unrecorded ON violation (detected_on) WHERE recorded_at IS NULL;
CREATE INDEX violation_eliminated_on_unrecorded ON violation (eliminated_on) WHERE recorded_at IS NULL;
CREATE INDEX prescription_issued_on_unrecorded ON prescription (issued_on) WHERE recorded_at IS NULL;
CREATE INDEX fine_imposed_on_unrecorded ON fine (imposed_on) WHERE recorded_at IS NULL;
CREATE INDEX suspension_suspended_on_unrecorded ON suspension (suspended_on) WHERE recorded_at IS NULL;
CREATE INDEX worker_removal_removed_on_unrecorded ON worker_removal (removed_on) WHERE recorded_at IS NULL;
CREATE INDEX accident_investigation_completed_on_unrecorded ON accident_investigation (completed_on) WHERE recorded_at IS NULL;
CREATE INDEX law_enforcement_referral_sent_on_unrecorded ON law_enforcement_referral (sent_on) WHERE recorded_at IS NULL;
CREATE INDEX criminal_case_opened_on_unrecorded ON criminal_case (opened_on) WHERE recorded_at IS NULL;
CREATE INDEX prosecuted_person_charged_on_unrecorded ON prosecuted_person (charged_on) WHERE recorded_at IS NULL;
CREATE INDEX accident_occurred_on_unrecorded ON accident (occurred_on) WHERE recorded_at IS NULL;
-- A period's victims are found through their accidents.
CREATE INDEX accident_victim_unrecorded ON accident_victim (accident_id) WHERE recorded_at IS NULL;

-- 2. Inspections whose kind or subject kind is not one of the contract's values, exactly as written
--    (lower case included: 'preventive_control' would count in column 2 and not in column 3).
CREATE INDEX inspection_completed_on_bad_kind ON inspection (completed_on)
    WHERE kind IS NULL OR kind NOT IN ('PREVENTIVE_CONTROL', 'UNSCHEDULED', 'OTHER')
       OR subject_kind IS NULL OR subject_kind NOT IN ('INDIVIDUAL', 'LEGAL_ENTITY');

-- 3. Victims whose accident does not exist are found among the victims recorded since the period
--    began, each looked up by its accident's id (the source's own key on accident.id serves; in the
--    reference schema, V5's accident_by_id).
CREATE INDEX accident_victim_recorded_at ON accident_victim (recorded_at) INCLUDE (accident_id, id);
