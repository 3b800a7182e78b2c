package kz.labour.reporting.quality;

/** The stages of validation, in the order they run and the validation report lists them. */
public enum Stage {
    /** Source rows that cannot be counted (ERROR). */
    SOURCE("source"),
    /** The bureau's arithmetic controls on the built table (ERROR, one WARN). */
    CONTROLS("controls"),
    /** Each cell against its own history (WARN). */
    PLAUSIBILITY("plausibility"),
    /** 1-МЕИЖМ against 2-ӨЖ, same region and period (WARN). */
    CROSS_FORM("cross-form");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    /** How the validation report names the stage. */
    public String key() {
        return key;
    }
}
