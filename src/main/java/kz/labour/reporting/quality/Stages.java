package kz.labour.reporting.quality;

import java.util.List;

import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;

/**
 * The results of the two blocking stages as the validation report lists them: the source checks
 * and the arithmetic controls, each with every rule it ran, whether or not it raised anything.
 */
public final class Stages {

    /** What every source-check finding's rule starts with (SourceResults.sourceFindings). */
    static final String SOURCE_PREFIX = "source: ";

    /**
     * The problems each form's source checks look for ({@code sql/{form}-source-checks.sql}, which
     * names them in its {@code problem} column; a test keeps the two in step).
     */
    static final List<String> MEIZHM_PROBLEMS = List.of(
            "region code with no matching region",
            "duplicate id: the same id on more than one row",
            "recorded_at missing",
            "kind missing",
            "kind not PREVENTIVE_CONTROL, UNSCHEDULED or OTHER (upper case)",
            "subject_kind missing",
            "subject_kind not INDIVIDUAL or LEGAL_ENTITY (upper case)",
            "amount_kzt missing",
            "amount_kzt negative",
            "workers_count missing",
            "workers_count below 1",
            "object_kind missing",
            "object_kind not EQUIPMENT, FACILITY or ORGANIZATION (upper case)");
    static final List<String> OZH_PROBLEMS = List.of(
            "region code with no matching region",
            "duplicate id: the same id on more than one row",
            "recorded_at missing",
            "occurred_on missing",
            "accident without victims",
            "accident_id missing",
            "accident_id matches no accident",
            "severity missing",
            "severity not LIGHT, MODERATE, SEVERE or FATAL (upper case)");

    private Stages() {
    }

    /**
     * The source checks: every problem of the form, each PASS unless {@code findings} (the source
     * checks' findings, empty when the aggregation counted no suspect row) names it. The aggregation
     * counts the same conditions in its {@code suspect} column, so a clean period passes them all
     * without running the checks' own statement.
     */
    public static StageResult source(FormId form, List<Finding> findings) {
        List<RuleDef> rules = (form == FormId.MEIZHM ? MEIZHM_PROBLEMS : OZH_PROBLEMS).stream()
                .map(p -> new RuleDef(SOURCE_PREFIX + p, Severity.ERROR, "no source row counted in the period has: " + p))
                .toList();
        return new StageResult(Stage.SOURCE, rules, findings);
    }

    /** The arithmetic controls that {@link Controls#check} ran on a table of {@code form}, with its findings. */
    public static StageResult controls(FormId form, List<Finding> findings) {
        List<RuleDef> rules = Controls.rulesRun(form, findings).stream()
                .map(r -> new RuleDef(r.id(), r.severity(), r.text()))
                .toList();
        return new StageResult(Stage.CONTROLS, rules, findings);
    }
}
