package kz.labour.reporting.ledger;

/** The two ways a version reaches the bureau; each is recorded separately so a rerun repeats neither. */
public enum Channel {
    SFTP("SFTP"),
    MAIL("e-mail");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** As log lines and messages name it: "SFTP", "e-mail". */
    public String label() {
        return label;
    }
}
