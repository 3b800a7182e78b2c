-- Indexes that let each form's statements read only the period's index entries (BENCHMARKS.md
-- shows the plans). On a real deployment the contract relations are views over the information
-- system's own tables: these are RECOMMENDATIONS to the system's owners for the tables behind those
-- views (same columns, whatever their names there); the pipeline never creates them itself.
--
-- 1. Covering indexes: each date column is the key and every other column a form or its source
--    checks read from that relation is INCLUDEd, so a period is an index-only scan of one key range
--    (no heap visits once autovacuum has set the visibility map). They replace V2's plain date
--    indexes, whose key they share.
DROP INDEX IF EXISTS inspection_completed_on;
DROP INDEX IF EXISTS violation_detected_on;
DROP INDEX IF EXISTS violation_eliminated_on;
DROP INDEX IF EXISTS prescription_issued_on;
DROP INDEX IF EXISTS fine_imposed_on;
DROP INDEX IF EXISTS suspension_suspended_on;
DROP INDEX IF EXISTS worker_removal_removed_on;
DROP INDEX IF EXISTS accident_investigation_completed_on;
DROP INDEX IF EXISTS law_enforcement_referral_sent_on;
DROP INDEX IF EXISTS criminal_case_opened_on;
DROP INDEX IF EXISTS prosecuted_person_charged_on;
DROP INDEX IF EXISTS accident_occurred_on;
DROP INDEX IF EXISTS accident_victim_accident_id;

CREATE INDEX inspection_completed_on ON inspection (completed_on) INCLUDE (recorded_at, region_kato, kind, id);
CREATE INDEX violation_detected_on ON violation (detected_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX violation_eliminated_on ON violation (eliminated_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX prescription_issued_on ON prescription (issued_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX fine_imposed_on ON fine (imposed_on) INCLUDE (recorded_at, region_kato, amount_kzt, id);
CREATE INDEX suspension_suspended_on ON suspension (suspended_on) INCLUDE (recorded_at, region_kato, object_kind, id);
CREATE INDEX worker_removal_removed_on ON worker_removal (removed_on) INCLUDE (recorded_at, region_kato, workers_count, id);
CREATE INDEX accident_investigation_completed_on ON accident_investigation (completed_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX law_enforcement_referral_sent_on ON law_enforcement_referral (sent_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX criminal_case_opened_on ON criminal_case (opened_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX prosecuted_person_charged_on ON prosecuted_person (charged_on) INCLUDE (recorded_at, region_kato, id);
CREATE INDEX accident_occurred_on ON accident (occurred_on) INCLUDE (recorded_at, region_kato, id);
-- A period's victims are found through their accidents.
CREATE INDEX accident_victim_accident_id ON accident_victim (accident_id) INCLUDE (recorded_at, severity, id);

-- 2. Rows without a date: the source checks name those recorded from the period's first day up to
--    the cut-off. These partial indexes hold only such rows (none in a healthy source), keyed by
--    recorded_at, so the check costs a few index pages instead of a scan of every relation.
CREATE INDEX inspection_undated ON inspection (recorded_at) INCLUDE (id) WHERE completed_on IS NULL;
CREATE INDEX violation_undated ON violation (recorded_at) INCLUDE (id) WHERE detected_on IS NULL;
CREATE INDEX prescription_undated ON prescription (recorded_at) INCLUDE (id) WHERE issued_on IS NULL;
CREATE INDEX fine_undated ON fine (recorded_at) INCLUDE (id) WHERE imposed_on IS NULL;
CREATE INDEX suspension_undated ON suspension (recorded_at) INCLUDE (id) WHERE suspended_on IS NULL;
CREATE INDEX worker_removal_undated ON worker_removal (recorded_at) INCLUDE (id) WHERE removed_on IS NULL;
CREATE INDEX accident_investigation_undated ON accident_investigation (recorded_at) INCLUDE (id) WHERE completed_on IS NULL;
CREATE INDEX law_enforcement_referral_undated ON law_enforcement_referral (recorded_at) INCLUDE (id) WHERE sent_on IS NULL;
CREATE INDEX criminal_case_undated ON criminal_case (recorded_at) INCLUDE (id) WHERE opened_on IS NULL;
CREATE INDEX prosecuted_person_undated ON prosecuted_person (recorded_at) INCLUDE (id) WHERE charged_on IS NULL;
CREATE INDEX accident_undated ON accident (recorded_at) INCLUDE (id) WHERE occurred_on IS NULL;
