package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ContentHash;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormJson;
import kz.labour.reporting.form.FormTable;

class DeliveredJsonTest {

    final FormTable june = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE)
            .cell(KARAGANDA, 2, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "61")
            .cell(KARAGANDA, 9, "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "12.4")
            .june2025();
    final byte[] json = FormJson.render(june, List.of(), 3, Action.REPLACEMENT, OffsetDateTime.parse("2025-07-01T06:00:02+05:00"),
            ZoneId.of("Asia/Almaty"));

    @Test
    void theDotJsonGivesBackTheSameNumbersAsTheTableItWasRenderedFrom() {
        FormTable read = DeliveredJson.table(json, Tables.LABELS);

        assertThat(ContentHash.of(read)).isEqualTo(ContentHash.of(june));
        assertThat(read.accumulation()).isEqualTo(Accumulation.YEAR_TO_DATE);
        assertThat(read.asOf().toInstant()).isEqualTo(june.asOf().toInstant());
        assertThat(read.rows()).hasSize(21);
        assertThat(read.rows().get(9).kato()).isEqualTo(KARAGANDA);
        assertThat(read.rows().get(9).value(9)).isEqualTo(new java.math.BigDecimal("12.4"));
        assertThat(read.rows().get(1).value(9)).isEqualTo(new java.math.BigDecimal("0.0"));
        assertThat(DeliveredJson.version(json)).isEqualTo(3);
    }

    @Test
    void aDeliveryFinishedWithoutATableInHandIsRecordedFromItsDotJson() {
        InMemoryHistory history = new InMemoryHistory();

        new QualityChecks(history, PlausibilitySettings.defaults(), Tables.REGIONS, Tables.LABELS).delivered(json);

        PeriodFigures kept = history.latest(FormId.MEIZHM, Accumulation.YEAR_TO_DATE, Tables.JUNE_2025, Tables.JUNE_2025)
                .get(Tables.JUNE_2025);
        assertThat(kept.version()).isEqualTo(3);
        assertThat(kept.value(KARAGANDA, 2)).isEqualByComparingTo("61");
        assertThat(kept.value(Tables.TOTAL, 9)).isEqualByComparingTo("12.4");
    }
}
