package kz.labour.reporting.transmission;

/**
 * An unfinished version cannot be finished because its stored files are gone or no longer what the
 * ledger recorded. Nothing is sent; the message names the file and the way out ({@code --force}
 * supersedes the version with the next one).
 */
class StoredVersionUnusableException extends RuntimeException {

    StoredVersionUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
