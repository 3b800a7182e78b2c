-- The receipt's entry in the version's event log, written with the change it made.
INSERT INTO transmission_event (transmission_id, form, period, event, detail, trigger, requested_by)
SELECT t.id, t.form, t.period, :event, :detail, 'SCHEDULE', :requested_by
  FROM transmission t WHERE t.id = :id
