UPDATE transmission
   SET bureau_status = :status, bureau_status_at = coalesce(:at, now()), updated_at = now()
 WHERE id = :id
