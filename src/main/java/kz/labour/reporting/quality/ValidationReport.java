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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Decimals as printed: "0.0" and "3.6000" keep their scale when read back. */
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
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
        if (table != null && (table.form() != header.form() || !table.period().equals(header.period()))) {
            throw new IllegalArgumentException("the table is " + table.form() + " " + table.period()
                    + ", the report " + header.form() + " " + header.period());
        }
        ObjectNode root = MAPPER.createObjectNode()
                .put("form", header.form().ascii())
                .put("index", header.form().index())
                .put("period", header.period().toString())
                .put("accumulation", header.accumulation().name())
                .put("version", header.version())
                .put("action", String.valueOf(header.action()))
                .put("asOf", Formats.timestamp(Formats.inZone(header.asOf(), zone)))
                .put("contentHash", table == null ? null : ContentHash.of(table));
        List<StageResult> ordered = stages.stream().sorted(Comparator.comparing(StageResult::stage)).toList();

        Status overall = Status.PASS;
        int[] counts = new int[Status.values().length];
        ArrayNode rules = MAPPER.createArrayNode();
        ArrayNode notRun = MAPPER.createArrayNode();
        for (StageResult stage : ordered) {
            for (RuleEntry entry : entries(stage)) {
                Status status = entry.status();
                overall = overall.worst(status);
                counts[status.ordinal()]++;
                ObjectNode rule = rules.addObject()
                        .put("stage", stage.stage().key())
                        .put("rule", entry.rule().id())
                        .put("severity", entry.rule().severity().name())
                        .put("status", status.name())
                        .put("description", entry.rule().description());
                ArrayNode findings = rule.putArray("findings");
                entry.findings().forEach(f -> finding(findings.addObject(), f));
            }
            for (NotRun n : stage.notRun()) {
                notRun.addObject().put("stage", stage.stage().key()).put("rule", n.rule()).put("reason", n.reason());
            }
        }
        root.put("status", overall.name());
        ObjectNode summary = root.putObject("counts");
        for (Status s : Status.values()) {
            summary.put(s.name(), counts[s.ordinal()]);
        }
        root.set("rules", rules);
        root.set("notRun", notRun);
        ArrayNode periods = root.putArray("history");
        history.stream()
                .sorted(Comparator.comparing(PeriodFigures::form).thenComparing(PeriodFigures::period))
                .forEach(p -> periods.addObject()
                        .put("form", p.form().ascii())
                        .put("period", p.period().toString())
                        .put("origin", p.origin().name())
                        .put("version", p.version())
                        .put("asOf", p.asOf() == null ? null
                                : Formats.timestamp(Formats.inZone(p.asOf(), zone))));
        return Formats.json(root);
    }

    /** The form a report is about, read back from its bytes. */
    public static FormId form(byte[] report) {
        return FormId.parse(tree(report).path("form").asText());
    }

    /**
     * Every finding of a report, read back from its bytes in the order the report lists them: how a
     * stored version is described again (a resend's e-mail) exactly as it was built.
     */
    public static List<Finding> findings(byte[] report) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode rule : tree(report).path("rules")) {
            for (JsonNode f : rule.path("findings")) {
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                f.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().decimalValue()));
                List<Long> ids = new ArrayList<>();
                f.path("ids").forEach(id -> ids.add(id.asLong()));
                findings.add(new Finding(rule.path("rule").asText(), Severity.valueOf(f.path("severity").asText()),
                        f.path("where").asText(), f.path("message").asText(), text(f.path("kato")),
                        f.path("column").isNull() ? null : f.path("column").asInt(), values, text(f.path("relation")), ids));
            }
        }
        return findings;
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static JsonNode tree(byte[] report) {
        try {
            return READER.readTree(report);
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

    private static void finding(ObjectNode out, Finding f) {
        out.put("severity", f.severity().name())
                .put("where", f.where())
                .put("message", f.message())
                .put("kato", f.kato());
        if (f.column() == null) {
            out.putNull("column");
        } else {
            out.put("column", f.column().intValue());
        }
        ObjectNode values = out.putObject("values");
        for (Map.Entry<String, BigDecimal> v : f.values().entrySet()) {
            values.set(v.getKey(), number(v.getValue()));
        }
        out.put("relation", f.relation());
        ArrayNode ids = out.putArray("ids");
        f.ids().forEach(ids::add);
    }

    /** Whole numbers as integers; decimals with their scale kept, as the .json prints column 9 ("12.0"). */
    private static JsonNode number(BigDecimal value) {
        if (value.scale() <= 0) {
            return LongNode.valueOf(value.longValueExact());
        }
        return DecimalNode.valueOf(value);
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
