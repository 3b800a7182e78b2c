package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;

/**
 * The bytes of a validation report are an outside interface: a report with every kind of entry (source
 * findings with ids, a control WARN, a row finding without a column, decimals that keep their scale, a
 * rule not listed by its stage, rules not run, delivered and built history) must print exactly as the
 * stored file, which was written by the report's first implementation.
 */
class ValidationReportGoldenTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final String GOLDEN = "/fixtures/quality/golden.validation.json";

    static Map<String, BigDecimal> values(Object... pairs) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], new BigDecimal(pairs[i + 1].toString()));
        }
        return m;
    }

    static byte[] report() {
        OffsetDateTime asOf = OffsetDateTime.of(2025, 7, 1, 1, 0, 0, 0, ZoneOffset.UTC);
        ValidationReport.Header header = new ValidationReport.Header(FormId.MEIZHM, YearMonth.of(2025, 6),
                Accumulation.MONTH, 3, 'R', asOf);
        RuleDef duplicate = new RuleDef("source: duplicate id: the same id on more than one row", Severity.ERROR,
                "no source row counted in the period has: duplicate id");
        RuleDef region = new RuleDef("source: region code with no matching region", Severity.ERROR,
                "no source row counted in the period has: region code with no matching region");
        StageResult source = new StageResult(Stage.SOURCE, List.of(region, duplicate), List.of(
                Finding.ofSource(duplicate.id(), Severity.ERROR, "inspection ids 7, 9", "2 rows share an id", "inspection",
                        List.of(7L, 9L), values("rows", 2))));
        RuleDef c16 = new RuleDef("c16<=c15", Severity.WARN, "criminal cases opened do not exceed materials referred");
        StageResult controls = new StageResult(Stage.CONTROLS, List.of(c16), List.of(
                Finding.ofCell(c16.id(), Severity.WARN, "row 100000000 Абай облысы", "c16 > c15", "100000000", null,
                        values("c15", 1, "c16", 2))));
        RuleDef outlier = new RuleDef("history-outlier", Severity.WARN, "each cell against its own history");
        StageResult plausibility = new StageResult(Stage.PLAUSIBILITY, List.of(outlier), List.of(
                Finding.ofCell(outlier.id(), Severity.WARN, "row 350000000 Қарағанды облысы, column 9",
                        "value 0.0 where the median is 12.35", "350000000", 9,
                        values("value", "0.0", "median", "12.35", "min", "10.0", "max", "14.9", "effect", "-12.35",
                                "periods", 12, "share", "-0.0030")),
                Finding.ofCell("history-unlisted", Severity.WARN, "row 000000000, column 2", "a rule its stage did not list",
                        "000000000", 2, values("value", 206, "score", "10.22"))),
                List.of());
        StageResult crossForm = new StageResult(Stage.CROSS_FORM, List.of(), List.of(),
                List.of(new NotRun("cross-investigations-without-accidents", "2-OZh is missing for 2025-04")));
        PeriodFigures delivered = new PeriodFigures(FormId.MEIZHM, YearMonth.of(2025, 5), Accumulation.MONTH,
                OffsetDateTime.of(2025, 6, 1, 1, 0, 0, 0, ZoneOffset.UTC), PeriodFigures.Origin.DELIVERED, 2, Map.of());
        PeriodFigures built = new PeriodFigures(FormId.OZH, YearMonth.of(2025, 4), Accumulation.MONTH, asOf,
                PeriodFigures.Origin.BUILT, null, Map.of());
        return ValidationReport.json(header, null, List.of(crossForm, plausibility, controls, source), List.of(built, delivered),
                ALMATY);
    }

    @Test
    void aReportPrintsByteForByteAsTheStoredFile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            assertThat(new String(report(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aReportReadBackGivesItsFindingsAsBuilt() {
        List<Finding> findings = ValidationReport.findings(report());

        assertThat(findings).extracting(Finding::rule).containsExactly(
                "source: duplicate id: the same id on more than one row", "c16<=c15", "history-outlier", "history-unlisted");
        assertThat(findings.get(0).ids()).containsExactly(7L, 9L);
        assertThat(findings.get(0).relation()).isEqualTo("inspection");
        assertThat(findings.get(1).column()).isNull();
        assertThat(findings.get(2).values()).containsExactlyEntriesOf(values("value", "0.0", "median", "12.35", "min",
                "10.0", "max", "14.9", "effect", "-12.35", "periods", 12, "share", "-0.0030"));
        assertThat(ValidationReport.form(report())).isEqualTo(FormId.MEIZHM);
    }
}
