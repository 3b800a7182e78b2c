-- The bureau status of the latest version of a form that reached the bureau (latest period, then version).
SELECT t.id, t.form, t.period, t.version, t.bureau_status, t.bureau_status_at
  FROM transmission t
 WHERE t.form = :form AND (t.deliveries > 0 OR t.sftp_status = 'DONE' OR t.mail_status = 'DONE')
 ORDER BY t.period DESC, t.version DESC
 LIMIT 1
