package kz.labour.reporting.transmission;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.quality.QualityChecks;
import kz.labour.reporting.quality.StageResult;
import kz.labour.reporting.quality.Stages;
import kz.labour.reporting.quality.ValidationHtml;
import kz.labour.reporting.quality.ValidationReport;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.source.Aggregate;
import kz.labour.reporting.source.SourceQueries;
import kz.labour.reporting.source.SourceResults;

/**
 * Building one form (route {@code build-form}, then {@code render} in {@code transmit-form}): binds the
 * SQL statements' parameters, lays out what the aggregation returned, takes the source checks' answer,
 * runs the controls and renders the files. It reads and records nothing itself.
 */
@Component("formBuilder")
public class FormBuilder {

    private final Signing signing;
    private static final Logger log = LoggerFactory.getLogger(FormBuilder.class);

    private final ReportingSettings settings;
    private final Labels labels;
    private final RegionCatalogue regions;
    private final Clock clock;
    private final QualityChecks qualityChecks;
    private final SourceQueries source;

    public FormBuilder(ReportingSettings settings, Labels labels, RegionCatalogue regions, Clock clock, Signing signing,
                       QualityChecks qualityChecks, SourceQueries source) {
        this.signing = signing;
        this.settings = settings;
        this.labels = labels;
        this.regions = regions;
        this.clock = clock;
        this.qualityChecks = qualityChecks;
        this.source = source;
    }

    /** The named parameters of the job's SQL statements, which route {@code build-form} passes to {@link SourceQueries}. */
    public Map<String, Object> sqlParameters(@ExchangeProperty("job") Job job) {
        return parameters(job.period(), job.asOf());
    }

    /** The named parameters of a form's statements for a period at a cut-off. */
    private Map<String, Object> parameters(YearMonth period, OffsetDateTime asOf) {
        var accumulation = settings.accumulationMode();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from", accumulation.from(period));
        parameters.put("until", accumulation.until(period));
        parameters.put("as_of", asOf);
        parameters.put("regions", regions.prefixList());
        parameters.put("zone", settings.zoneId().getId());
        return parameters;
    }

    /**
     * Lays the aggregation out as the printed form, runs the controls and then the quality checks
     * over time and across forms, whose WARN findings join the controls' (next: RENDER, or REJECT on
     * an ERROR, which only the controls raise). An aggregation that counted rows the source checks
     * would reject is kept aside instead (next: NAME_UNSOUND_ROWS): nothing is built from it.
     */
    public Job aggregated(@ExchangeProperty("job") Job job, List<Map<String, Object>> rows,
                          @ExchangeProperty("aggregations") RunAggregations run) {
        RunAggregations aggregations = run == null ? RunAggregations.start() : run;
        aggregations.keep(key(job), rows);
        Aggregate aggregate = SourceResults.aggregate(labels.form(job.form()), regions.prefixes(), rows);
        if (!aggregate.sound()) {
            log.warn("{}: the source holds {}; naming them", job.name(), aggregate.describeSuspects());
            return job.unsound(aggregate);
        }
        FormTable table = table(job.form(), job.period(), job.asOf(), aggregate);
        // a period in which nothing counts is delivered with a WARN saying so (Aggregate.warnings)
        List<Finding> sourceWarnings = aggregate.warnings();
        List<Finding> controls = Controls.check(table);
        QualityChecks.Result quality = qualityChecks.check(table, new SourceFormBuild(source, settings.earliest(),
                job.asOf(), settings.accumulationMode(), aggregations, this::parameters, this::historyTable));
        List<StageResult> stages = new ArrayList<>(List.of(Stages.source(job.form(), sourceWarnings),
                Stages.controls(job.form(), controls)));
        stages.addAll(quality.stages());
        List<Finding> findings = new ArrayList<>(sourceWarnings);
        findings.addAll(controls);
        quality.stages().forEach(stage -> stage.findings().stream().filter(f -> f.severity() == Severity.WARN).forEach(findings::add));
        return job.built(table, findings, new QualityChecks.Result(stages, quality.history()));
    }

    /**
     * The job's aggregation if this run has read it already (as history for an earlier job's checks),
     * else null: route {@code build-form} then runs the statement.
     */
    public List<Map<String, Object>> readThisRun(@ExchangeProperty("job") Job job,
                                                 @ExchangeProperty("aggregations") RunAggregations run) {
        return run == null ? null : run.rows(key(job)).orElse(null);
    }

    private RunAggregations.Key key(Job job) {
        return new RunAggregations.Key(job.form(), job.period(), settings.accumulationMode(), job.asOf());
    }

    private FormTable table(FormId form, YearMonth period, OffsetDateTime asOf, Aggregate aggregate) {
        return FormTable.assemble(labels.form(form), regions, labels.totalRow(), period, settings.accumulationMode(), asOf,
                aggregate.byRegion());
    }

    /** A period of history built from the source: none when it holds rows that cannot be counted. */
    private Optional<FormTable> historyTable(FormId form, YearMonth period, OffsetDateTime asOf, List<Map<String, Object>> rows) {
        Aggregate aggregate = SourceResults.aggregate(labels.form(form), regions.prefixes(), rows);
        return aggregate.sound() ? Optional.of(table(form, period, asOf, aggregate)) : Optional.empty();
    }

    /**
     * The source checks' answer for an unsound aggregation: the offending rows, by relation and
     * problem; the form is rejected. If the checks name nothing (they and the aggregation disagree,
     * which a test guards against), the finding says what the aggregation saw.
     */
    public Job sourceChecked(@ExchangeProperty("job") Job job, List<Map<String, Object>> rows) {
        List<Finding> findings = SourceResults.sourceFindings(rows);
        if (findings.isEmpty()) {
            findings = List.of(new Finding("source: rows that cannot be counted", Severity.ERROR, "aggregation",
                    job.unsound().describeSuspects() + ", but the source checks named none"));
        }
        return job.rejectedBy(findings, new QualityChecks.Result(List.of(Stages.source(job.form(), findings)), List.of()));
    }

    /**
     * The version's files, in memory: the workbook, the JSON, the validation report (.json and .html) and
     * the manifest listing them (written by the next step).
     */
    public Job render(@ExchangeProperty("job") Job job) {
        // signed (a .p7s per file, the manifest's last) when the organisation's key is configured
        RenderedForm rendered = signing.sign(Rendering.render(job.table(), job.findings(), labels, settings.organisation(),
                job.version().number(), job.action(),
                OffsetDateTime.now(clock).atZoneSameInstant(settings.zoneId()).toOffsetDateTime(), settings.zoneId(),
                validationReport(job, settings), validationHtml(job, settings)));
        return job.withFiles(rendered, null);
    }

    /** The job's {@code .validation.json}: every stage its build ran, and the history compared with. */
    static RenderedFile validationReport(Job job, ReportingSettings settings) {
        return ValidationReport.render(validationHeader(job, settings), job.table(), job.validation().stages(),
                job.validation().history(), settings.zoneId());
    }

    /** The same report for people: {@code .validation.html}, with a chart of each flagged cell's history. */
    static RenderedFile validationHtml(Job job, ReportingSettings settings) {
        return ValidationHtml.render(validationHeader(job, settings), job.table(), job.validation().stages(),
                job.validation().history(), settings.zoneId());
    }

    private static ValidationReport.Header validationHeader(Job job, ReportingSettings settings) {
        return new ValidationReport.Header(job.form(), job.period(), settings.accumulationMode(), job.version().number(),
                job.action().letter(), job.asOf());
    }
}
