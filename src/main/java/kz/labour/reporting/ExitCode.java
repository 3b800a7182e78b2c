package kz.labour.reporting;

/**
 * How a command ended, as the CLI exits and JMX and the schedule report it (docs: "Exit codes").
 * When several forms or months end differently, the worst decides: bad input, then a rejected form,
 * then a failed delivery, then any other error.
 */
public enum ExitCode {
    OK(0, 0, "delivered, or already delivered"),
    BAD_INPUT(2, 1, "bad input, nothing sent"),
    REJECTED(3, 2, "validation ERROR, nothing sent, recorded as REJECTED"),
    DELIVERY_FAILED(4, 3, "delivery failed after retries, recorded as FAILED, files kept in the outbox"),
    ERROR(1, 4, "error, see the service log");

    private final int code;
    private final int rank;
    private final String meaning;

    ExitCode(int code, int rank, String meaning) {
        this.code = code;
        this.rank = rank;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What the code tells an operator, one line. */
    public String meaning() {
        return meaning;
    }

    /** The worse of the two, the one a run that ended both ways reports. */
    public ExitCode worse(ExitCode other) {
        return other.rank > rank ? other : this;
    }

    /** "exit code 4 (delivery failed after retries, …)", as the JMX operations end their answer. */
    public String describe() {
        return "exit code " + code + " (" + meaning + ")";
    }
}
