package kz.labour.reporting.delivery;

/**
 * A file of ours is already on the bureau's server under its name with other content. It is never
 * overwritten: someone must find out which one the bureau should have. A permanent fault.
 */
public class RemoteFileConflictException extends RuntimeException {
    public RemoteFileConflictException(String message) {
        super(message);
    }
}
