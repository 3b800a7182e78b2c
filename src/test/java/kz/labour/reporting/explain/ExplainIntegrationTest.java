package kz.labour.reporting.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.Outcome;
import kz.labour.reporting.transmission.TransmitRequest;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * {@code explain} against a real PostgreSQL holding the hand-made June 2025 fixture: every cell of
 * both forms, built by the pipeline's own route, is explained and the rows' sum must make that
 * cell, in both accumulations; a few cells are checked row by row against the fixture's comments.
 */
class ExplainIntegrationTest {

    static final String CUT_OFF = "2025-07-01T06:00:00+05:00";

    abstract static class Base {
        @TempDir
        static Path outbox;

        static String source = TestPostgres.newSource("/fixtures/june-2025.sql");
        static String pipeline = TestPostgres.newDatabase("pipeline");

        @DynamicPropertySource
        static void databases(DynamicPropertyRegistry registry) {
            registry.add("source.datasource.url", () -> source);
            registry.add("pipeline.datasource.url", () -> pipeline);
            registry.add("reporting.outbox", () -> outbox.toString());
        }

        @Autowired
        ProducerTemplate producer;

        @Autowired
        Explainer explainer;

        FormTable built(FormId form, String asOf) {
            List<Job> jobs = producer.requestBody("direct:transmit",
                    new TransmitRequest("2025-06", form.ascii(), asOf, Mode.DRY_RUN, Origin.CLI, "test"),
                    kz.labour.reporting.transmission.Summary.class).jobs();
            assertThat(jobs).singleElement().satisfies(j -> assertThat(j.outcome()).as(j.message()).isEqualTo(Outcome.BUILT_DRY_RUN));
            return jobs.get(0).table();
        }

        Explanation explain(FormId form, String cell, String asOf) {
            return explainer.explain(new Explainer.Query("2025-06", form.ascii(), cell, asOf, null));
        }

        /** Every cell of the form as built, explained: the sum of the rows (or regions) makes the cell. */
        void everyCellIsTheSumOfItsRows(FormId form, String asOf) {
            FormTable table = built(form, asOf);
            List<String> mismatches = new ArrayList<>();
            int explained = 0;
            for (FormRow row : table.rows()) {
                for (ColumnDef column : table.definition().numericColumns()) {
                    Explanation e = explain(form, row.kato() + ":" + column.number(), asOf);
                    explained++;
                    BigDecimal cell = row.value(column.number());
                    String where = form.ascii() + " " + row.kato() + ":" + column.number();
                    if (e.value().compareTo(cell) != 0) {
                        mismatches.add(where + ": explain " + e.value() + ", form " + cell);
                    }
                    if (row.total()) {
                        check(mismatches, where + " regions", e.regions().stream().map(Explanation.RegionValue::value)
                                .reduce(BigDecimal.ZERO, BigDecimal::add), e.value());
                        check(mismatches, where + " sum", e.sum(), e.value());
                        for (Explanation.RegionValue r : e.regions()) {
                            check(mismatches, where + " region " + r.kato(), r.value(), regionValue(table, r.kato(), column.number()));
                        }
                    } else {
                        check(mismatches, where + " rows", e.rows().stream().map(Explanation.Row::contribution)
                                .reduce(BigDecimal.ZERO, BigDecimal::add), e.sum());
                        check(mismatches, where + " cell from sum", Cells.value(table.definition(), column.number(), e.sum()), cell);
                        assertThat(e.rows()).as(where).allSatisfy(r -> assertThat(r.regionKato()).startsWith(row.kato().substring(0, 2)));
                    }
                }
            }
            assertThat(explained).isEqualTo(21 * table.definition().numericColumns().size());
            assertThat(mismatches).isEmpty();
        }

        static void check(List<String> mismatches, String where, BigDecimal actual, BigDecimal expected) {
            if (actual.compareTo(expected) != 0) {
                mismatches.add(where + ": " + actual + " <> " + expected);
            }
        }

        static BigDecimal regionValue(FormTable table, String kato, int column) {
            return table.regionRows().stream().filter(r -> r.kato().equals(kato)).findFirst().orElseThrow().value(column);
        }
    }

    @Nested
    @PipelineTest
    class Month extends Base {

        @Autowired
        Ledger ledger;

        final ObjectMapper json = new ObjectMapper();

        @Test
        void everyCellOfInspectorsWorkIsTheSumOfItsRows() {
            everyCellIsTheSumOfItsRows(FormId.MEIZHM, CUT_OFF);
        }

        @Test
        void everyCellOfIndustrialInjuriesIsTheSumOfItsRows() {
            everyCellIsTheSumOfItsRows(FormId.OZH, CUT_OFF);
            // later data (inspection 5, accident 4, victims 5 and 6 recorded in July) makes other cells
            everyCellIsTheSumOfItsRows(FormId.OZH, "2025-07-10T00:00:00+05:00");
        }

        @Test
        void jsonOfAVictimCellHasTheDocumentedShape() throws Exception {
            // Almaty city, column 8 (fatal): victim 10 of accident 6, a group accident of three
            JsonNode actual = json.readTree(explain(FormId.OZH, "750000000:8", CUT_OFF).json());
            JsonNode expected = json.readTree("""
                    {"form": "2-OZh", "period": "2025-06", "accumulation": "MONTH", "asOf": "2025-07-01T06:00:00+05:00",
                     "version": null, "cell": {"kato": "750000000", "column": 8, "value": 1},
                     "rows": [{"relation": "accident_victim", "id": 10, "accidentId": 6, "date": "2025-06-15",
                               "regionKato": "750000000", "recordedAt": "2025-06-15T12:00:00+05:00", "contribution": 1}],
                     "sum": 1}""");
            assertThat(actual).isEqualTo(expected);
        }

        @Test
        void accidentColumnsListAccidentsWithoutAnAccidentId() throws Exception {
            // Karaganda, column 2: accidents 1 (350000000) and 2 (district 351010000)
            JsonNode rows = json.readTree(explain(FormId.OZH, "350000000:2", CUT_OFF).json()).get("rows");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("relation").asText()).isEqualTo("accident");
            assertThat(rows.get(0).get("id").asLong()).isEqualTo(1);
            assertThat(rows.get(1).get("regionKato").asText()).isEqualTo("351010000");
            assertThat(rows.get(0).has("accidentId")).isFalse();
        }

        @Test
        void fineAmountsAreTengeAndTheCellIsThousandsRoundedHalfUp() {
            // Karaganda: fines 1 (12 350 ₸) and 2 (100 ₸) = 12 450 ₸ = 12.45 → 12.5
            Explanation e = explain(FormId.MEIZHM, "350000000:9", CUT_OFF);
            assertThat(e.rows()).extracting(Explanation.Row::id).containsExactly(1L, 2L);
            assertThat(e.rows()).extracting(Explanation.Row::contribution).containsExactly(new BigDecimal("12350.00"), new BigDecimal("100.00"));
            assertThat(e.sum()).isEqualByComparingTo("12450.00");
            assertThat(e.value()).isEqualTo(new BigDecimal("12.5"));
            assertThat(e.table()).contains("sum: 12450.00 tenge = 12.45000 thousand tenge, rounded half up to 12.5 = the cell");
        }

        @Test
        void totalOfFinesAddsTheRoundedRegionValues() throws Exception {
            // 12.5 (Karaganda) + 50.0 (East Kazakhstan) = 62.5, where the raw 62 400 ₸ would round to 62.4
            JsonNode e = json.readTree(explain(FormId.MEIZHM, "000000000:9", CUT_OFF).json());
            assertThat(e.get("rows")).isEmpty();
            assertThat(e.get("regions")).hasSize(20);
            assertThat(e.get("cell").get("value").decimalValue()).isEqualByComparingTo("62.5");
            assertThat(e.get("sum").decimalValue()).isEqualByComparingTo("62.5");
            List<String> nonZero = new ArrayList<>();
            e.get("regions").forEach(r -> {
                if (r.get("value").decimalValue().signum() != 0) {
                    nonZero.add(r.get("kato").asText() + "=" + r.get("value").decimalValue().toPlainString());
                }
            });
            assertThat(nonZero).containsExactly("350000000=12.5", "630000000=50.0");
        }

        @Test
        void workersRemovedContributeTheirCount() {
            // Karaganda, column 13: removal 1 of three workers and removal 2 of one
            Explanation e = explain(FormId.MEIZHM, "350000000:13", CUT_OFF);
            assertThat(e.rows()).extracting(Explanation.Row::contribution).containsExactly(new BigDecimal("3"), BigDecimal.ONE);
            assertThat(e.value()).isEqualByComparingTo("4");
        }

        @Test
        void tableNamesTheCellListsTheRowsAndTheSum() {
            String table = explain(FormId.OZH, "630000000:4", "2025-07-10T00:00:00+05:00").table();
            // East Kazakhstan by 10 July: victims 4 and 5 of accident 3, victim 6 of accident 4
            assertThat(table).contains("2-ӨЖ (2-OZh) 2025-06, MONTH, as of 2025-07-10T00:00:00+05:00")
                    .contains("cell: row 630000000 Шығыс Қазақстан облысы, column 4")
                    .contains("RELATION         ID  ACCIDENT  DATE        REGION CODE  RECORDED AT")
                    .contains("sum: 3 = the cell");
            assertThat(table.lines().filter(l -> l.startsWith("accident_victim"))).hasSize(3);
        }

        @Test
        void versionExplainsWhatThatVersionHeldAtItsOwnCutOff() {
            ledger.record(new kz.labour.reporting.ledger.Build(FormId.OZH, java.time.YearMonth.of(2025, 6),
                    kz.labour.reporting.form.Version.of(1), Action.NEW, kz.labour.reporting.form.Accumulation.MONTH,
                    OffsetDateTime.parse(CUT_OFF), "hash", List.of(), List.of(), Status.BUILT),
                    new kz.labour.reporting.ledger.Requester(Origin.CLI, "test"));
            // East Kazakhstan, column 2: by 1 July only accident 3; accident 4 was recorded on 2 July
            Explanation v1 = explainer.explain(new Explainer.Query("2025-06", "2-ӨЖ", "630000000:2", null, "V0001"));
            assertThat(v1.version()).isEqualTo("V0001");
            assertThat(v1.asOf()).isEqualTo(OffsetDateTime.parse(CUT_OFF));
            assertThat(v1.rows()).extracting(Explanation.Row::id).containsExactly(3L);
            Explanation now = explainer.explain(new Explainer.Query("2025-06", "2-OZh", "630000000:2", null, null));
            assertThat(now.version()).isNull();
            assertThat(now.rows()).extracting(Explanation.Row::id).containsExactly(3L, 4L);

            assertThatThrownBy(() -> explainer.explain(new Explainer.Query("2025-06", "2-OZh", "630000000:2", null, "V0002")))
                    .isInstanceOf(BadInputException.class).hasMessage("--version: 2-OZh 2025-06 has no V0002; recorded: V0001");
        }

        @Test
        void badCellColumnPeriodOrCutOffIsBadInputNamingIt() {
            assertThatThrownBy(() -> explain(FormId.OZH, "350000000:9", CUT_OFF)).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("--cell: 2-OZh has no numeric column 9").hasMessageContaining("accepted: 2..8");
            assertThatThrownBy(() -> explain(FormId.MEIZHM, "351010000:5", CUT_OFF))
                    .hasMessageStartingWith("--cell: 351010000 is not a row of the form");
            assertThatThrownBy(() -> explain(FormId.MEIZHM, "35:5", CUT_OFF)).hasMessageStartingWith("--cell: '35:5' is not KATO:N");
            assertThatThrownBy(() -> explainer.explain(new Explainer.Query("2025-05..2025-06", "2-OZh", "350000000:2", null, null)))
                    .hasMessageStartingWith("--period: '2025-05..2025-06' is a range");
            assertThatThrownBy(() -> explainer.explain(new Explainer.Query("2025-07", "2-OZh", "350000000:2", null, null)))
                    .hasMessageContaining("2025-07 has not ended yet");
            assertThatThrownBy(() -> explainer.explain(new Explainer.Query("2025-06", "2-OZh", "350000000:2", CUT_OFF, "V0001")))
                    .hasMessageStartingWith("--version: --as-of and --version exclude each other");
            assertThatThrownBy(() -> explainer.explain(new Explainer.Query("2025-06", "3-X", "350000000:2", null, null)))
                    .hasMessageStartingWith("--form: unknown form '3-X'");
        }
    }

    @Nested
    @PipelineTest
    @TestPropertySource(properties = "reporting.accumulation=YEAR_TO_DATE")
    class YearToDate extends Base {

        @Test
        void everyCellOfBothFormsIsTheSumOfItsRows() {
            everyCellIsTheSumOfItsRows(FormId.MEIZHM, CUT_OFF);
            everyCellIsTheSumOfItsRows(FormId.OZH, CUT_OFF);
        }

        @Test
        void yearToDateCountsFromTheFirstOfJanuary() {
            // Almaty city, column 9: the May fine 5 (5 000 ₸) counts in the year to date
            Explanation e = explain(FormId.MEIZHM, "750000000:9", CUT_OFF);
            assertThat(e.accumulation().name()).isEqualTo("YEAR_TO_DATE");
            assertThat(e.rows()).extracting(Explanation.Row::id).containsExactly(5L);
            assertThat(e.value()).isEqualTo(new BigDecimal("5.0"));
        }
    }
}
