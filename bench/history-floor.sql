-- The floor of what a first run reads beyond the next one (bench/run.sh, first_run_phase): every
-- source row the quality checks' history counts (1-MEIZhM's facts by each date it is counted by,
-- 2-OZh's accidents with their victims), read once through the date indexes and counted, with no
-- arithmetic and nothing returned. No run that builds its history from the source can read less.
-- psql variables: from, until (dates), as_of (timestamptz).
SELECT (SELECT count(*) FROM inspection WHERE completed_on >= :'from' AND completed_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM violation WHERE detected_on >= :'from' AND detected_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM violation WHERE eliminated_on >= :'from' AND eliminated_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM prescription WHERE issued_on >= :'from' AND issued_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM fine WHERE imposed_on >= :'from' AND imposed_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM suspension WHERE suspended_on >= :'from' AND suspended_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM worker_removal WHERE removed_on >= :'from' AND removed_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM accident_investigation WHERE completed_on >= :'from' AND completed_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM law_enforcement_referral WHERE sent_on >= :'from' AND sent_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM criminal_case WHERE opened_on >= :'from' AND opened_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM prosecuted_person WHERE charged_on >= :'from' AND charged_on < :'until' AND recorded_at <= :'as_of')
     + (SELECT count(*) FROM accident a LEFT JOIN accident_victim v ON v.accident_id = a.id AND v.recorded_at <= :'as_of'
        WHERE a.occurred_on >= :'from' AND a.occurred_on < :'until' AND a.recorded_at <= :'as_of') AS history_rows;
