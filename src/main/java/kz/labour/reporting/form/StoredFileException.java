package kz.labour.reporting.form;

/**
 * Stored files of a rendered version are missing, unreadable or differ from their manifest: they cannot be
 * resent byte for byte. The message names the directory, the file and what differs.
 */
public class StoredFileException extends RuntimeException {

    public StoredFileException(String message) {
        super(message);
    }

    public StoredFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
