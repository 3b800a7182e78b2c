-- The reference schema (V1) holds what a contract view may deliver, so that the source checks can
-- be shown to name it: the demo and the tests run on these tables; a real deployment reads the
-- information system's views and never runs this.
--
-- 1. The same id on two rows. The contract says ids are unique, but a view has no key of its own: a
--    join that repeats a row, or a double import into the tables behind it, hands the pipeline the
--    same id twice, and a form would count it twice. The primary keys go; a plain index on id stays
--    (a victim's accident is looked up by id, and so are demo rows).
-- 2. A row without recorded_at. No cut-off admits it, so a form would drop it without a word.

ALTER TABLE inspection DROP CONSTRAINT inspection_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE violation DROP CONSTRAINT violation_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE prescription DROP CONSTRAINT prescription_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE fine DROP CONSTRAINT fine_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE suspension DROP CONSTRAINT suspension_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE worker_removal DROP CONSTRAINT worker_removal_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE accident_investigation DROP CONSTRAINT accident_investigation_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE law_enforcement_referral DROP CONSTRAINT law_enforcement_referral_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE criminal_case DROP CONSTRAINT criminal_case_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE prosecuted_person DROP CONSTRAINT prosecuted_person_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE accident DROP CONSTRAINT accident_pkey, ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE accident_victim DROP CONSTRAINT accident_victim_pkey, ALTER COLUMN recorded_at DROP NOT NULL;

CREATE INDEX inspection_by_id ON inspection (id);
CREATE INDEX violation_by_id ON violation (id);
CREATE INDEX prescription_by_id ON prescription (id);
CREATE INDEX fine_by_id ON fine (id);
CREATE INDEX suspension_by_id ON suspension (id);
CREATE INDEX worker_removal_by_id ON worker_removal (id);
CREATE INDEX accident_investigation_by_id ON accident_investigation (id);
CREATE INDEX law_enforcement_referral_by_id ON law_enforcement_referral (id);
CREATE INDEX criminal_case_by_id ON criminal_case (id);
CREATE INDEX prosecuted_person_by_id ON prosecuted_person (id);
CREATE INDEX accident_by_id ON accident (id);
CREATE INDEX accident_victim_by_id ON accident_victim (id);
