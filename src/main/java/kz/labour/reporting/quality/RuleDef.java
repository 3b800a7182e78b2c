package kz.labour.reporting.quality;

import java.util.Objects;

import kz.labour.reporting.form.Severity;

/**
 * A rule as the validation report lists it: its id (the {@code rule} of its findings), the severity
 * of a breach, and what it checks, in a sentence.
 */
public record RuleDef(String id, Severity severity, String description) {

    public RuleDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
    }
}
