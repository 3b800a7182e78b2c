package kz.labour.reporting.transmission;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.source.Aggregate;
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

    public FormBuilder(ReportingSettings settings, Labels labels, RegionCatalogue regions, Clock clock, Signing signing) {
        this.signing = signing;
        this.settings = settings;
        this.labels = labels;
        this.regions = regions;
        this.clock = clock;
    }

    /** Binds the named parameters of the job's SQL statements (camel-jdbc reads them from headers). */
    public void bindSql(@ExchangeProperty("job") Job job, @Headers Map<String, Object> headers) {
        var accumulation = settings.accumulationMode();
        headers.put("from", accumulation.from(job.period()));
        headers.put("until", accumulation.until(job.period()));
        headers.put("as_of", job.asOf());
        headers.put("regions", regions.prefixList());
        headers.put("zone", settings.zoneId().getId());
    }

    /**
     * Lays the aggregation out as the printed form and runs the controls (next: RENDER, or REJECT on an
     * ERROR). An aggregation that counted rows the source checks would reject is kept aside instead
     * (next: NAME_UNSOUND_ROWS): nothing is built from it.
     */
    public Job aggregated(@ExchangeProperty("job") Job job, List<Map<String, Object>> rows) {
        var definition = labels.form(job.form());
        Aggregate aggregate = SourceResults.aggregate(definition, regions.prefixes(), rows);
        if (!aggregate.sound()) {
            log.warn("{}: the source holds {}; naming them", job.name(), aggregate.describeSuspects());
            return job.unsound(aggregate);
        }
        FormTable table = FormTable.assemble(definition, regions, labels.totalRow(), job.period(),
                settings.accumulationMode(), job.asOf(), aggregate.byRegion());
        // WARN findings the aggregation itself makes (a period with no source rows at all), then the controls
        return job.built(table, Stream.concat(aggregate.warnings().stream(), Controls.check(table).stream()).toList());
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
        return job.rejectedBy(findings);
    }

    /** The version's files, in memory: the workbook, the JSON and the manifest listing them (written by the next step). */
    public Job render(@ExchangeProperty("job") Job job) {
        // signed (a .p7s per file, the manifest's last) when the organisation's key is configured
        RenderedForm rendered = signing.sign(Rendering.render(job.table(), job.findings(), labels, settings.organisation(),
                job.version().number(), job.action(),
                OffsetDateTime.now(clock).atZoneSameInstant(settings.zoneId()).toOffsetDateTime(), settings.zoneId()));
        return job.withFiles(rendered, null);
    }
}
