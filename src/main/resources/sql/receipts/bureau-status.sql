-- The bureau status of every version of a period (null period: every period).
SELECT t.id, t.form, t.period, t.version, t.bureau_status, t.bureau_status_at
  FROM transmission t
 WHERE CAST(:period AS text) IS NULL OR t.period = :period
 ORDER BY t.period, t.form, t.version
