package kz.labour.reporting.transmission;

/** How one form and period ended, and the exit code it stands for (interfaces.md). */
public enum Outcome {
    DELIVERED(0),
    ALREADY_DELIVERED(0),
    UNCHANGED(0),
    BUILT_DRY_RUN(0),
    BAD_INPUT(2),
    REJECTED(3),
    FAILED(4),
    ERROR(1);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
