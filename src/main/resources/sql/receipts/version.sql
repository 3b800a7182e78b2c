-- The version a receipt names, its bureau status, and the latest later version of the same form and
-- period that reached the bureau (null when none): a receipt for an earlier one is for a superseded version.
SELECT t.id, t.bureau_status, t.bureau_status_at,
       (SELECT max(l.version) FROM transmission l
         WHERE l.form = t.form AND l.period = t.period AND l.version > t.version
           AND (l.deliveries > 0 OR l.sftp_status = 'DONE' OR l.mail_status = 'DONE')) AS later_delivered
  FROM transmission t
 WHERE t.form = :form AND t.period = :period AND t.version = :version
   FOR UPDATE OF t
