-- Each form reads a period by the relations' date columns; these indexes let a month's aggregation
-- read only that month. Recommended to the source owners for the tables behind their views.
CREATE INDEX inspection_completed_on ON inspection (completed_on);
CREATE INDEX violation_detected_on ON violation (detected_on);
CREATE INDEX violation_eliminated_on ON violation (eliminated_on);
CREATE INDEX prescription_issued_on ON prescription (issued_on);
CREATE INDEX fine_imposed_on ON fine (imposed_on);
CREATE INDEX suspension_suspended_on ON suspension (suspended_on);
CREATE INDEX worker_removal_removed_on ON worker_removal (removed_on);
CREATE INDEX accident_investigation_completed_on ON accident_investigation (completed_on);
CREATE INDEX law_enforcement_referral_sent_on ON law_enforcement_referral (sent_on);
CREATE INDEX criminal_case_opened_on ON criminal_case (opened_on);
CREATE INDEX prosecuted_person_charged_on ON prosecuted_person (charged_on);
CREATE INDEX accident_occurred_on ON accident (occurred_on);
CREATE INDEX accident_victim_accident_id ON accident_victim (accident_id);
