-- Claims the one alert of a version and cause: one row comes back only the first time.
INSERT INTO receipt_alert (transmission_id, cause, receipt)
VALUES (:transmission_id, :cause, :receipt)
ON CONFLICT (transmission_id, cause) DO NOTHING
RETURNING transmission_id
