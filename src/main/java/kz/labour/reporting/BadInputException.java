package kz.labour.reporting;

/**
 * An argument, setting or request that cannot be honoured. The message names the argument, what was
 * given and what is accepted; nothing has been read or sent when it is thrown (exit code 2).
 */
public class BadInputException extends RuntimeException {

    private final String argument;

    public BadInputException(String argument, String message) {
        super(argument + ": " + message);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
