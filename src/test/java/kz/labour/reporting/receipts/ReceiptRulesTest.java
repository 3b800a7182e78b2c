package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.receipts.ReceiptRules.Decision;
import kz.labour.reporting.receipts.ReceiptRules.RecipientStatus;
import kz.labour.reporting.receipts.ReceiptRules.VersionState;

/** How each kind of receipt is recorded against the version it names, decided without a database. */
class ReceiptRulesTest {

    static final String STEM = "2-OZh_2025-06_V0001_N";
    static final String KEY = "2-OZh.2025-06.V0001.delivery1";
    static final String MANIFEST = "c".repeat(64);
    static final OffsetDateTime AT = OffsetDateTime.parse("2025-07-01T09:12:44+05:00");

    static Transmission delivered(int deliveries, OffsetDateTime supersededAt) {
        return new Transmission(7, FormId.OZH, YearMonth.of(2025, 6), Version.FIRST, 'N', Accumulation.MONTH, AT, "a".repeat(64),
                List.of(new StoredFile(STEM + ".xlsx", 10, "b".repeat(64)), new StoredFile(STEM + ".manifest.json", 5, MANIFEST)),
                deliveries > 0 ? Status.DELIVERED : Status.FAILED, ChannelStatus.DONE, AT, null,
                deliveries > 0 ? ChannelStatus.DONE : ChannelStatus.FAILED, AT, null, deliveries,
                new Requester(Trigger.CLI, "test"), AT, AT, supersededAt, supersededAt == null ? null : "files gone");
    }

    static Optional<VersionState> version(BureauStatus status, OffsetDateTime at) {
        return Optional.of(new VersionState(delivered(1, null), status, at, null));
    }

    @Test
    void anAcceptedAcknowledgementOfTheDeliveredManifestAcceptsTheVersionWithoutAnAlert() {
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "ACCEPTED", MANIFEST, AT, Verification.NOT_CHECKED),
                version(BureauStatus.NONE, null));
        assertThat(d).isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, BureauStatus.ACCEPTED, null, null));
    }

    @Test
    void theManifestDigestIsComparedWithoutRegardToCase() {
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "RECEIVED", MANIFEST.toUpperCase(), AT, Verification.VERIFIED),
                version(BureauStatus.NONE, null));
        assertThat(d.bureauStatus()).isEqualTo(BureauStatus.RECEIVED);
    }

    @Test
    void aRejectionSetsRejectedAndCallsForTheRejectionAlert() {
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "REJECTED", MANIFEST, AT, Verification.NOT_CHECKED),
                version(BureauStatus.RECEIVED, AT.minusHours(1)));
        assertThat(d).isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, BureauStatus.REJECTED, null, AlertCause.REJECTED));
    }

    @Test
    void anotherManifestDigestIsAMismatchWithItsAlert() {
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "ACCEPTED", "d".repeat(64), AT, Verification.NOT_CHECKED),
                version(BureauStatus.NONE, null));
        assertThat(d.outcome()).isEqualTo(ReceiptOutcome.MISMATCH);
        assertThat(d.bureauStatus()).isEqualTo(BureauStatus.MISMATCH);
        assertThat(d.alert()).isEqualTo(AlertCause.MISMATCH);
        assertThat(d.reason()).contains("d".repeat(64)).contains(MANIFEST);
    }

    @Test
    void withATrustStoreAnUnsignedOrBadlySignedAcceptanceIsUnverifiedAndNeverAccepted() {
        for (Verification v : List.of(Verification.UNSIGNED, Verification.INVALID)) {
            Decision d = ReceiptRules.decide(Receipts.ack(STEM, "ACCEPTED", MANIFEST, AT, v), version(BureauStatus.NONE, null));
            assertThat(d).as(v.name()).isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, BureauStatus.UNVERIFIED, null,
                    AlertCause.UNVERIFIED));
        }
    }

    @Test
    void anAcknowledgementOlderThanTheOneThatSetTheStatusIsKeptButChangesNothing() {
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "RECEIVED", MANIFEST, AT, Verification.NOT_CHECKED),
                version(BureauStatus.ACCEPTED, AT.plusMinutes(5)));
        assertThat(d).isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, null, null, null));
    }

    @Test
    void anUnknownStatusIsInvalid() {
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "PARTLY_ACCEPTED", MANIFEST, AT, Verification.NOT_CHECKED),
                version(BureauStatus.NONE, null));
        assertThat(d.outcome()).isEqualTo(ReceiptOutcome.INVALID);
        assertThat(d.reason()).contains("PARTLY_ACCEPTED").contains("ACCEPTED_WITH_WARNINGS");
        assertThat(d.bureauStatus()).isNull();
    }

    @Test
    void anUnreadableReceiptIsInvalidWithTheReadersReason() {
        Decision d = ReceiptRules.decide(Receipts.invalidAck(STEM + ".ack.json", "{", "malformed JSON at line 1"),
                version(BureauStatus.NONE, null));
        assertThat(d).isEqualTo(Decision.aside(ReceiptOutcome.INVALID, "malformed JSON at line 1"));
    }

    @Test
    void aStemOrKeyOfNoVersionOfOursIsUnmatched() {
        assertThat(ReceiptRules.decide(Receipts.ack("3-XX_2025-06_V0001_N", "ACCEPTED", MANIFEST, AT, null), Optional.empty()))
                .extracting(Decision::outcome).isEqualTo(ReceiptOutcome.UNMATCHED);
        assertThat(ReceiptRules.decide(Receipts.ack(STEM, "ACCEPTED", MANIFEST, AT, null), Optional.empty()).reason())
                .isEqualTo("2-OZh 2025-06 V0001 was never delivered");
        assertThat(ReceiptRules.decide(Receipts.ack("2-OZh_2025-06_V0001_R", "ACCEPTED", MANIFEST, AT, null),
                version(BureauStatus.NONE, null)).reason()).isEqualTo("2-OZh 2025-06 V0001 was delivered as N, not R");
        assertThat(ReceiptRules.decide(Receipts.dsn("2-OZh.2025-06.V0001.delivery3", "x@stat.kz", "delivered", null, AT),
                version(BureauStatus.NONE, null)).reason()).contains("delivery 3 was never sent");
    }

    @Test
    void aVersionThatNeverReachedTheBureauMatchesNothing() {
        Transmission built = new Transmission(7, FormId.OZH, YearMonth.of(2025, 6), Version.FIRST, 'N', Accumulation.MONTH, AT,
                "a".repeat(64), List.of(new StoredFile(STEM + ".manifest.json", 5, MANIFEST)), Status.BUILT, ChannelStatus.PENDING,
                null, null, ChannelStatus.PENDING, null, null, 0, new Requester(Trigger.CLI, "t"), AT, AT, null, null);
        Decision d = ReceiptRules.decide(Receipts.ack(STEM, "ACCEPTED", MANIFEST, AT, null),
                Optional.of(new VersionState(built, BureauStatus.NONE, null, null)));
        assertThat(d.outcome()).isEqualTo(ReceiptOutcome.UNMATCHED);
    }

    @Test
    void aReceiptOfASupersededOrReplacedVersionIsKeptAsSuperseded() {
        Decision superseded = ReceiptRules.decide(Receipts.ack(STEM, "ACCEPTED", MANIFEST, AT, null),
                Optional.of(new VersionState(delivered(0, AT), BureauStatus.NONE, null, null)));
        assertThat(superseded).isEqualTo(Decision.aside(ReceiptOutcome.SUPERSEDED, "2-OZh 2025-06 V0001 was superseded: files gone"));
        Decision replaced = ReceiptRules.decide(Receipts.ack(STEM, "REJECTED", MANIFEST, AT, null),
                Optional.of(new VersionState(delivered(1, null), BureauStatus.NONE, null, Version.of(2))));
        assertThat(replaced).isEqualTo(Decision.aside(ReceiptOutcome.SUPERSEDED, "2-OZh 2025-06 V0001 was superseded by V0002"));
    }

    @Test
    void dsnsMarkTheirRecipientDeliveredOrFailedAndOnlyAFailureAlerts() {
        Optional<VersionState> v = version(BureauStatus.NONE, null);
        assertThat(ReceiptRules.decide(Receipts.dsn(KEY, "a@stat.kz", "delivered", "2.0.0", AT), v))
                .isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, null, RecipientStatus.DELIVERED, null));
        assertThat(ReceiptRules.decide(Receipts.dsn(KEY, "a@stat.kz", "failed", "5.1.1 user unknown", AT), v))
                .isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, null, RecipientStatus.FAILED, AlertCause.DSN_FAILED));
        assertThat(ReceiptRules.decide(Receipts.dsn(KEY, "a@stat.kz", "delayed", "4.4.1", AT), v))
                .isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, null, null, null));
        assertThat(ReceiptRules.decide(Receipts.dsn(KEY, null, "delivered", null, AT), v).outcome())
                .isEqualTo(ReceiptOutcome.INVALID);
    }

    @Test
    void aDsnOfTheDeliveryUnderWayMatches() {
        // the relay may report before the ledger has counted the delivery that is going out
        Decision d = ReceiptRules.decide(Receipts.dsn("2-OZh.2025-06.V0001.delivery2", "a@stat.kz", "delivered", null, AT),
                version(BureauStatus.NONE, null));
        assertThat(d.outcome()).isEqualTo(ReceiptOutcome.MATCHED);
    }

    @Test
    void anMdnIsRecordedAndAReplyAlerts() {
        Optional<VersionState> v = version(BureauStatus.NONE, null);
        assertThat(ReceiptRules.decide(Receipts.mdn(KEY, AT), v)).isEqualTo(new Decision(ReceiptOutcome.MATCHED, null, null, null, null));
        assertThat(ReceiptRules.decide(Receipts.reply(KEY, "Re: 2-ӨЖ", AT), v).alert()).isEqualTo(AlertCause.REPLY);
    }

    @Test
    void theRejectionAlertListsTheBureausMessagesAndSaysNothingIsResentByItself() {
        Alert a = ReceiptRules.alert(AlertCause.REJECTED, Receipts.ack(STEM, "REJECTED", MANIFEST, AT, null,
                new ReceiptMessage("K-17", "ERROR", "column 8 exceeds column 3", "550000000", 8),
                new ReceiptMessage("K-2", "ERROR", "total differs", null, null)), delivered(1, null));
        assertThat(a.subject()).isEqualTo("2-ӨЖ 2025-06 V0001 REJECTED by the bureau");
        assertThat(a.text()).contains("(receipt NSB-REJECTED)")
                .contains("  K-17 ERROR (region 550000000, column 8): column 8 exceeds column 3\n")
                .contains("  K-2 ERROR: total differs\n")
                .contains("Nothing is resent by itself").contains("transmit --period 2025-06 --form 2-OZh --force");
    }

    @Test
    void theReplyAlertQuotesItsSubjectOnOneLine() {
        Alert a = ReceiptRules.alert(AlertCause.REPLY, Receipts.reply(KEY, "Re: form\r\n 2-ӨЖ", AT), delivered(1, null));
        assertThat(a.subject()).isEqualTo("2-ӨЖ 2025-06 V0001: reply from the bureau: Re: form 2-ӨЖ");
    }

    @Test
    void stemsAreReadExactly() {
        assertThat(Stem.parse(STEM)).contains(new Stem(FormId.OZH, YearMonth.of(2025, 6), Version.FIRST, 'N'));
        assertThat(Stem.parse(STEM).orElseThrow()).hasToString(STEM);
        assertThat(Stem.parse(STEM + ".ack.json")).isEmpty();
        assertThat(Stem.parse("2-OZh_2025-13_V0001_N")).isEmpty();
        assertThat(Stem.parse("2-OZh_2025-06_V0000_N")).isEmpty();
    }

    @Test
    void aReceiptsNameBecomesASafeFileName() {
        assertThat(ReceiptBook.safe("../../etc/passwd")).isEqualTo("__.._etc_passwd");
        assertThat(ReceiptBook.safe(STEM + ".ack.json")).isEqualTo(STEM + ".ack.json");
        assertThat(ReceiptBook.safe(null)).isEqualTo("receipt");
    }
}
