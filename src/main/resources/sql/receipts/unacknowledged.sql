-- Delivered versions the bureau has not acknowledged (bureau status NONE), delivered at or before
-- :delivered_before (null: whenever), not superseded and not followed by a later delivered version of
-- the same form and period; delivered_at is when its SFTP upload was done (the channel the
-- acknowledgement answers).
SELECT t.id, t.form, t.period, t.version, coalesce(t.sftp_at, t.updated_at) AS delivered_at
  FROM transmission t
 WHERE (t.status = 'DELIVERED' OR t.deliveries > 0)
   AND t.bureau_status = 'NONE'
   AND t.superseded_at IS NULL
   AND (CAST(:delivered_before AS timestamptz) IS NULL OR coalesce(t.sftp_at, t.updated_at) <= :delivered_before)
   AND NOT EXISTS (SELECT 1 FROM transmission l
                    WHERE l.form = t.form AND l.period = t.period AND l.version > t.version
                      AND (l.status = 'DELIVERED' OR l.deliveries > 0))
 ORDER BY t.period, t.form, t.version
