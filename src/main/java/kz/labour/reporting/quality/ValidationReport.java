package kz.labour.reporting.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ContentHash;
import kz.labour.reporting.form.FileNames;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.Severity;

/**
 * The {@code {form}_{YYYY-MM}_V{NNNN}_{N|R}.validation.json} of a built version: every rule that ran,
 * stage by stage, each PASS, WARN or ERROR with the cells, values and source ids involved, the rules
 * that could not run and why, and the periods of history compared with (docs/quality.md has the shape).
 *
 * <p>Pure and deterministic: the same inputs give the same bytes. It carries no time of its own; the
 * cut-off is printed as the other files print it. A REJECTED build has a report too, without a table
 * when the source checks stopped the build before one existed.
 */
public final class ValidationReport {

    /** What the stages did not decide: which version of which form this is. */
    public record Header(FormId form, YearMonth period, Accumulation accumulation, int version, char action,
                         OffsetDateTime asOf) {

        public Header {
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(accumulation, "accumulation");
            Objects.requireNonNull(asOf, "asOf");
        }

        public FileNames names() {
            return FileNames.of(form, period, version, action);
        }
    }

    /** The status of a rule, and of the whole report: the worst of its findings' severities, PASS without any. */
    public enum Status {
        PASS, WARN, ERROR;

        static Status of(Severity severity) {
            return severity == Severity.ERROR ? ERROR : WARN;
        }

        Status worst(Status other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** The report as written: its fields in the order docs/quality.md shows them. */
    @JsonPropertyOrder({"form", "index", "period", "accumulation", "version", "action", "asOf", "contentHash", "status", "counts",
            "rules", "notRun", "history"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Json(String form, String index, String period, String accumulation, int version, String action, String asOf,
                String contentHash, Status status, Map<Status, Integer> counts, List<RuleJson> rules, List<NotRunJson> notRun,
                List<HistoryJson> history) {
    }

    /** A rule that ran, with its findings. */
    @JsonPropertyOrder({"stage", "rule", "severity", "status", "description", "findings"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RuleJson(String stage, String rule, Severity severity, Status status, String description, List<FindingJson> findings) {
    }

    /**
     * A finding; {@code model} only for a finding judged by a statistical model (the plausibility rule),
     * absent otherwise.
     */
    @JsonPropertyOrder({"severity", "where", "message", "kato", "column", "values", "relation", "ids", "model"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FindingJson(Severity severity, String where, String message, String kato, Integer column,
                       Map<String, BigDecimal> values, String relation, List<Long> ids,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String model) {

        static FindingJson of(Finding f) {
            return new FindingJson(f.severity(), f.where(), f.message(), f.kato(), f.column(), f.values(), f.relation(), f.ids(),
                    f.model());
        }

        Finding finding(String rule) {
            return new Finding(rule, severity, where, message, kato, column, values, relation, ids, model);
        }
    }

    /** A rule that could not run, and why. */
    @JsonPropertyOrder({"stage", "rule", "reason"})
    record NotRunJson(String stage, String rule, String reason) {
    }

    /** A period compared with, and where its numbers came from. */
    @JsonPropertyOrder({"form", "period", "origin", "version", "asOf"})
    record HistoryJson(String form, String period, PeriodFigures.Origin origin, Integer version, String asOf) {
    }

    private ValidationReport() {
    }

    /** {@code 2-OZh_2025-06_V0001_N.validation.json}. */
    public static String fileName(FileNames names) {
        return names.stem() + ".validation.json";
    }

    /**
     * @param table   the built table, or null when none was built (a REJECTED build stopped by the source checks)
     * @param stages  what each stage that ran did, in any order (printed in {@link Stage} order)
     * @param history the periods the plausibility and cross-form checks compared with (may be empty)
     * @param zone    the reporting zone, in which the cut-off is printed
     */
    public static RenderedFile render(Header header, FormTable table, List<StageResult> stages, List<PeriodFigures> history,
                                      ZoneId zone) {
        return RenderedFile.of(fileName(header.names()), json(header, table, stages, history, zone));
    }

    static byte[] json(Header header, FormTable table, List<StageResult> stages, List<PeriodFigures> history, ZoneId zone) {
        return Formats.json(report(header, table, stages, history, zone));
    }

    /** The report's content, as the {@code .json} writes it and the {@code .html} shows it. */
    static Json report(Header header, FormTable table, List<StageResult> stages, List<PeriodFigures> history, ZoneId zone) {
        if (table != null && (table.form() != header.form() || !table.period().equals(header.period()))) {
            throw new IllegalArgumentException("the table is " + table.form() + " " + table.period()
                    + ", the report " + header.form() + " " + header.period());
        }
        List<StageResult> ordered = stages.stream().sorted(Comparator.comparing(StageResult::stage)).toList();
        Status overall = Status.PASS;
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        List<RuleJson> rules = new ArrayList<>();
        List<NotRunJson> notRun = new ArrayList<>();
        for (StageResult stage : ordered) {
            for (RuleEntry entry : entries(stage)) {
                Status status = entry.status();
                overall = overall.worst(status);
                counts.merge(status, 1, Integer::sum);
                rules.add(new RuleJson(stage.stage().key(), entry.rule().id(), entry.rule().severity(), status,
                        entry.rule().description(), entry.findings().stream().map(FindingJson::of).toList()));
            }
            for (NotRun n : stage.notRun()) {
                notRun.add(new NotRunJson(stage.stage().key(), n.rule(), n.reason()));
            }
        }
        List<HistoryJson> periods = history.stream()
                .sorted(Comparator.comparing(PeriodFigures::form).thenComparing(PeriodFigures::period))
                .map(p -> new HistoryJson(p.form().ascii(), p.period().toString(), p.origin(), p.version(),
                        p.asOf() == null ? null : Formats.timestamp(Formats.inZone(p.asOf(), zone))))
                .toList();
        return new Json(header.form().ascii(), header.form().index(), header.period().toString(), header.accumulation().name(),
                header.version(), String.valueOf(header.action()), Formats.timestamp(Formats.inZone(header.asOf(), zone)),
                table == null ? null : ContentHash.of(table), overall, counts, rules, notRun, periods);
    }

    /** The form a report is about, read back from its bytes. */
    public static FormId form(byte[] report) {
        return FormId.parse(read(report).form());
    }

    /**
     * Every finding of a report, read back from its bytes in the order the report lists them: how a
     * stored version is described again (a resend's e-mail) exactly as it was built.
     */
    public static List<Finding> findings(byte[] report) {
        List<Finding> findings = new ArrayList<>();
        for (RuleJson rule : read(report).rules()) {
            for (FindingJson f : rule.findings()) {
                findings.add(f.finding(rule.rule()));
            }
        }
        return findings;
    }

    static Json read(byte[] report) {
        try {
            return Formats.read(report, Json.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a validation report cannot be read back", e);
        }
    }

    /** The worst status of a set of stages: what the report's {@code status} says. */
    public static Status status(List<StageResult> stages) {
        Status overall = Status.PASS;
        for (StageResult stage : stages) {
            for (RuleEntry entry : entries(stage)) {
                overall = overall.worst(entry.status());
            }
        }
        return overall;
    }

    /** A rule with its findings; a finding whose rule the stage did not list gets an entry of its own. */
    private record RuleEntry(RuleDef rule, List<Finding> findings) {

        Status status() {
            return findings.stream().map(f -> Status.of(f.severity())).reduce(Status.PASS, Status::worst);
        }
    }

    private static List<RuleEntry> entries(StageResult stage) {
        List<RuleEntry> entries = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (RuleDef rule : stage.ran()) {
            listed.add(rule.id());
            entries.add(new RuleEntry(rule, stage.findings().stream().filter(f -> f.rule().equals(rule.id())).toList()));
        }
        Set<String> unlisted = new LinkedHashSet<>();
        stage.findings().stream().map(Finding::rule).filter(r -> !listed.contains(r)).forEach(unlisted::add);
        for (String id : unlisted) {
            List<Finding> fs = stage.findings().stream().filter(f -> f.rule().equals(id)).toList();
            Severity worst = fs.stream().anyMatch(Finding::blocking) ? Severity.ERROR : Severity.WARN;
            entries.add(new RuleEntry(new RuleDef(id, worst, fs.get(0).message()), fs));
        }
        return entries;
    }

    /**
     * Writes the report into {@code dir} under a temporary name first and then moves it into place, as
     * the other files of a version are written; a report of the same name is replaced (a REJECTED
     * version's number is reused by the next build).
     */
    public static Path write(Path dir, RenderedFile report) {
        try {
            Files.createDirectories(dir);
            Path temporary = dir.resolve(report.name() + ".part");
            Files.write(temporary, report.content());
            return Files.move(temporary, dir.resolve(report.name()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report.name() + " into " + dir, e);
        }
    }
}
