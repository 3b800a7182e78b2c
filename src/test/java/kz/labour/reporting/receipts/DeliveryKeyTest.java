package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

class DeliveryKeyTest {

    @Test
    void aKeyPrintsAsTheEnvelopeIdAndIsFoundAgainInItsMessageId() {
        DeliveryKey key = new DeliveryKey(FormId.OZH, YearMonth.of(2025, 6), Version.of(1), 2);
        assertThat(key).hasToString("2-OZh.2025-06.V0001.delivery2");
        assertThat(DeliveryKey.find("<2-OZh.2025-06.V0001.delivery2@stat.example>")).contains(key);
        assertThat(DeliveryKey.find(key.toString())).contains(key);
    }

    @Test
    void textNamingNoDeliveryOfOursFindsNothing() {
        assertThat(DeliveryKey.find(null)).isEmpty();
        assertThat(DeliveryKey.find("<CAF1234@mail.example>")).isEmpty();
        assertThat(DeliveryKey.find("<3-XX.2025-06.V0001.delivery1@x>")).isEmpty();
        assertThat(DeliveryKey.find("<2-OZh.2025-13.V0001.delivery1@x>")).as("month 13").isEmpty();
        assertThat(DeliveryKey.find("<2-OZh.2025-06.V0000.delivery1@x>")).as("version 0").isEmpty();
    }
}
