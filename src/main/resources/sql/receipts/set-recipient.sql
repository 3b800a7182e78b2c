-- The latest report on a recipient wins (a failure after a delay, a delivery after a retry).
INSERT INTO mail_recipient (transmission_id, delivery, recipient, status, detail, at, receipt)
VALUES (:transmission_id, :delivery, :recipient, :status, :detail, coalesce(:at, now()), :receipt)
ON CONFLICT (transmission_id, delivery, recipient) DO UPDATE
   SET status = EXCLUDED.status, detail = EXCLUDED.detail, at = EXCLUDED.at, receipt = EXCLUDED.receipt
 WHERE mail_recipient.at <= EXCLUDED.at
