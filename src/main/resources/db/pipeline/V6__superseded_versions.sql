-- An unfinished version whose stored files are gone or changed can no longer be finished: what the
-- ledger recorded is not what the outbox holds. `transmit --force` then supersedes it (docs/operators.md,
-- "A version that cannot be finished"): the row stays, as the record of what may have reached the
-- bureau, marked with when and why; its pending channels are FAILED with that reason; the next build
-- takes the next number. A superseded version is never finished or resent again.
ALTER TABLE transmission
    ADD COLUMN superseded_at     timestamptz,
    ADD COLUMN superseded_reason text,
    ADD CONSTRAINT superseded_with_reason CHECK ((superseded_at IS NULL) = (superseded_reason IS NULL));
