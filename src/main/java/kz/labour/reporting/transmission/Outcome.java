package kz.labour.reporting.transmission;

import kz.labour.reporting.ExitCode;

/** How one form and period ended, and the exit code it stands for. */
public enum Outcome {
    DELIVERED(ExitCode.OK),
    ALREADY_DELIVERED(ExitCode.OK),
    UNCHANGED(ExitCode.OK),
    BUILT_DRY_RUN(ExitCode.OK),
    BAD_INPUT(ExitCode.BAD_INPUT),
    REJECTED(ExitCode.REJECTED),
    FAILED(ExitCode.DELIVERY_FAILED),
    ERROR(ExitCode.ERROR);

    private final ExitCode exitCode;

    Outcome(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
