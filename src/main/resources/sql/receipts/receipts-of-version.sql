-- Every receipt of one version, oldest first.
SELECT r.id, r.kind, r.channel, r.recipient, r.status, r.detail, r.outcome, r.reason, r.verification, r.receipt_id,
       r.bureau_at, r.recorded_at, r.raw_path, r.raw_sha256, r.messages::text AS messages, r.delivery
  FROM receipt r
 WHERE r.transmission_id = :id
 ORDER BY r.recorded_at, r.id
