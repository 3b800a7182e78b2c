-- One receipt, once: a second reading of the same source (by this or another instance) inserts nothing.
INSERT INTO receipt (source_key, kind, channel, recipient, status, detail, outcome, reason, verification, reference,
                     receipt_id, bureau_at, raw_path, raw_sha256, raw_size, signature_path, manifest_sha256, messages,
                     transmission_id, delivery)
VALUES (:source_key, :kind, :channel, :recipient, :status, :detail, :outcome, :reason, :verification, :reference,
        :receipt_id, :bureau_at, :raw_path, :raw_sha256, :raw_size, :signature_path, :manifest_sha256,
        CAST(:messages AS jsonb), :transmission_id, :delivery)
ON CONFLICT (source_key) DO NOTHING
RETURNING id
