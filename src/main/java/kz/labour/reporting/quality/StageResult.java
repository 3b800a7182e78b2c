package kz.labour.reporting.quality;

import java.util.List;
import java.util.Objects;

import kz.labour.reporting.form.Finding;

/**
 * What one stage of validation did: the rules it ran, the findings they raised (in the order the
 * report lists them), and the rules it could not run, with the reason.
 */
public record StageResult(Stage stage, List<RuleDef> ran, List<Finding> findings, List<NotRun> notRun) {

    public StageResult {
        Objects.requireNonNull(stage, "stage");
        ran = List.copyOf(ran);
        findings = List.copyOf(findings);
        notRun = notRun == null ? List.of() : List.copyOf(notRun);
    }

    public StageResult(Stage stage, List<RuleDef> ran, List<Finding> findings) {
        this(stage, ran, findings, List.of());
    }
}
