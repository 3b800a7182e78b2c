package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Region;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.Severity;

/**
 * The e-mail's summary of the WARN findings, one line per finding in one language, most significant
 * first ({@link Significance}). Wording comes from {@code data/labels.json}: block {@code quality} for
 * the checks over time and across forms, block {@code rules} for the arithmetic controls; a rule with
 * no wording there is given by its finding's message.
 */
public final class WarnSummary {

    /** The rules worded in the {@code quality} block of labels.json. */
    static final Set<String> WORDED = Set.of(Plausibility.OUTLIER,
            CrossForm.INVESTIGATIONS_WITHOUT_ACCIDENTS, CrossForm.ACCIDENTS_WITHOUT_INVESTIGATIONS);

    private WarnSummary() {
    }

    /**
     * @param form   the form the findings are about (its column headings are quoted)
     * @param stages every stage of the build; only WARN findings are summarised
     * @param lang   {@code kk} or {@code ru}
     * @return the lines without bullets or indentation; empty when there is no WARN finding
     */
    public static List<String> lines(FormId form, List<StageResult> stages, Labels labels, RegionCatalogue regions,
                                     String lang) {
        List<Finding> warnings = stages.stream().flatMap(s -> s.findings().stream())
                .filter(f -> f.severity() == Severity.WARN).toList();
        FormDefinition definition = labels.form(form);
        List<String> lines = new ArrayList<>();
        for (Finding f : Significance.rank(warnings)) {
            lines.add(WORDED.contains(f.rule()) ? worded(f, definition, labels, regions, lang) : other(f, labels, regions, lang));
        }
        return lines;
    }

    /**
     * The same lines from a stored {@code .validation.json}: a resent or resumed version's e-mail says
     * what its report says.
     */
    public static List<String> lines(byte[] validationReport, Labels labels, RegionCatalogue regions, String lang) {
        return lines(ValidationReport.form(validationReport),
                List.of(new StageResult(Stage.SOURCE, List.of(), ValidationReport.findings(validationReport))),
                labels, regions, lang);
    }

    private static String worded(Finding f, FormDefinition definition, Labels labels, RegionCatalogue regions, String lang) {
        String text = labels.text("quality", f.rule(), lang);
        Map<String, BigDecimal> v = f.values();
        if (v.containsKey("cell")) {
            // year to date: the compared figure is the month's increment; the printed cell follows it
            text = text.replace("{value}", labels.text("quality", "valueYearToDate", lang));
        }
        if (f.column() != null) {
            ColumnDef column = definition.column(f.column());
            text = text.replace("{column}", Integer.toString(column.number()))
                    .replace("{label}", "kk".equals(lang) ? column.kk() : column.ru());
        }
        text = text.replace("{region}", region(f.kato(), labels, regions, lang));
        for (Map.Entry<String, BigDecimal> e : v.entrySet()) {
            String shown = switch (e.getKey()) {
                case Significance.EFFECT -> Plausibility.signed(e.getValue());
                case Significance.PROBABILITY -> probability(e.getValue());
                default -> e.getValue().toPlainString();
            };
            text = text.replace("{" + e.getKey() + "}", shown);
        }
        if (v.containsKey(Significance.SHARE)) {
            text = text.replace("{percent}", v.get(Significance.SHARE).abs().movePointRight(2)
                    .setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
        }
        return text;
    }

    /**
     * A probability as a reader takes it in: "0.0021" down to a thousandth of a percent, below that
     * "1.0e-7", and the smallest the report prints as "< 1e-12".
     */
    static String probability(BigDecimal p) {
        if (p.compareTo(BigDecimal.valueOf(Plausibility.SMALLEST_PROBABILITY)) <= 0) {
            return "< 1e-12";
        }
        if (p.compareTo(new BigDecimal("0.0001")) >= 0) {
            return p.toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%.1e", p.doubleValue()).replace("e-0", "e-");
    }

    /** An arithmetic control's WARN: its wording from labels.json with the values, or its message. */
    private static String other(Finding f, Labels labels, RegionCatalogue regions, String lang) {
        String values = f.values().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().toPlainString()).collect(Collectors.joining(", "));
        String text = labels.rule(f.rule(), lang)
                .map(worded -> values.isEmpty() ? worded : worded + " (" + values + ")")
                .orElse(f.message());
        return (f.kato() == null ? f.where() : region(f.kato(), labels, regions, lang)) + ": " + text;
    }

    /** "790000000 Шымкент қаласы" in Kazakh, "790000000 город Шымкент" in Russian; the total by its name. */
    private static String region(String kato, Labels labels, RegionCatalogue regions, String lang) {
        Region total = labels.totalRow();
        if (total.kato().equals(kato)) {
            return "kk".equals(lang) ? total.kk() : total.ru();
        }
        Region region = kato == null || kato.length() < 2 ? null : regions.byPrefix(kato.substring(0, 2));
        if (region == null || !region.kato().equals(kato)) {
            return String.valueOf(kato);
        }
        return kato + " " + ("kk".equals(lang) ? region.kk() : region.ru());
    }
}
