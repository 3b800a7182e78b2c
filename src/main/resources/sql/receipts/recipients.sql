SELECT delivery, recipient, status, detail, at
  FROM mail_recipient
 WHERE transmission_id = :id
 ORDER BY delivery, recipient
