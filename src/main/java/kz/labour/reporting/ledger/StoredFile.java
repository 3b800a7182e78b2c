package kz.labour.reporting.ledger;

/** A delivered file as the ledger remembers it. */
public record StoredFile(String name, long size, String sha256) {
}
