package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The DSN parameters the transport adds to a bureau message's envelope commands (RFC 3461). */
class DsnTransportTest {

    @Test
    void mailFromGainsTheEnvelopeIdAndRcptToTheOriginalRecipient() {
        assertThat(DsnTransport.withDsn("MAIL FROM:<reports@inspection.kz> RET=HDRS", "2-OZh.2025-06.V0001.delivery2"))
                .isEqualTo("MAIL FROM:<reports@inspection.kz> RET=HDRS ENVID=2-OZh.2025-06.V0001.delivery2");
        assertThat(DsnTransport.withDsn("RCPT TO:<stat@bureau.kz> NOTIFY=SUCCESS,FAILURE", "k"))
                .isEqualTo("RCPT TO:<stat@bureau.kz> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;stat@bureau.kz");
    }

    @Test
    void otherCommandsAndAMessageWithoutKeyAreLeftAlone() {
        assertThat(DsnTransport.withDsn("MAIL FROM:<reports@inspection.kz> RET=HDRS", null)).isEqualTo("MAIL FROM:<reports@inspection.kz> RET=HDRS");
        assertThat(DsnTransport.withDsn("DATA", "k")).isEqualTo("DATA");
        assertThat(DsnTransport.withDsn("RSET", "k")).isEqualTo("RSET");
    }

    @Test
    void xtextEncodesPlusEqualsAndAnythingOutsidePrintableAscii() {
        assertThat(DsnTransport.asXtext("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
        assertThat(DsnTransport.asXtext("стат@bureau.kz")).startsWith("+D1+81+D1+82");
    }
}
