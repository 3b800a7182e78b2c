package kz.labour.reporting.transmission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.source.Aggregate;

/** The job's next step after each stage, which the routes branch on. */
class JobTest {

    static final Job PLANNED = Job.planned(FormId.OZH, YearMonth.of(2025, 6), OffsetDateTime.parse("2025-07-01T06:00:00+05:00"),
            new TransmitRequest("2025-06", "2-OZh", null, Mode.PLAIN, Origin.CLI, "test"));
    static final Finding WARN = new Finding("c16<=c15", Severity.WARN, "row 100000000", "more cases than referrals");
    static final Finding ERROR = new Finding("c3<=c2", Severity.ERROR, "row 100000000", "more group accidents than accidents");

    @Test
    void aPlannedJobIsDecidedFirst() {
        assertThat(PLANNED.step()).isEqualTo(Job.Step.DECIDE);
        assertThat(PLANNED.version()).isNull();
        assertThat(PLANNED.outcome()).isNull();
    }

    @Test
    void aBuildWithWarningsIsRenderedAndOneWithAnErrorIsRejected() {
        Job toBuild = PLANNED.toBuild(Version.FIRST, Action.NEW);
        assertThat(toBuild.step()).isEqualTo(Job.Step.BUILD);
        assertThat(toBuild.built(null, List.of(WARN), null).step()).isEqualTo(Job.Step.RENDER);
        assertThat(toBuild.built(null, List.of(WARN, ERROR), null).step()).isEqualTo(Job.Step.REJECT);
        assertThat(toBuild.built(null, List.of(WARN), null).version()).isEqualTo(Version.FIRST);
    }

    @Test
    void anUnsoundAggregationIsNamedThenRejected() {
        Job unsound = PLANNED.toBuild(Version.FIRST, Action.NEW).unsound(new Aggregate(Map.of(), 2, List.of()));
        assertThat(unsound.step()).isEqualTo(Job.Step.NAME_UNSOUND_ROWS);
        assertThat(unsound.table()).isNull();
        assertThat(unsound.rejectedBy(List.of(ERROR), null).step()).isEqualTo(Job.Step.REJECT);
    }

    @Test
    void eachStepReturnsANewStateAndLeavesTheOldOneAsItWas() {
        Job ended = PLANNED.ended(Outcome.ALREADY_DELIVERED, "already delivered V0003", Version.of(3), Action.REPLACEMENT);
        assertThat(ended.step()).isEqualTo(Job.Step.END);
        assertThat(ended.version()).isEqualTo(Version.of(3));
        assertThat(ended.action()).isEqualTo(Action.REPLACEMENT);
        assertThat(PLANNED.step()).isEqualTo(Job.Step.DECIDE);
        assertThat(PLANNED.outcome()).isNull();
    }

    @Test
    void isNamedAsLogLinesNameIt() {
        assertThat(PLANNED.name()).isEqualTo("2-ӨЖ 2025-06");
        assertThat(PLANNED.toBuild(Version.of(2), Action.REPLACEMENT).versionName()).isEqualTo("2-ӨЖ 2025-06 V0002");
    }

    @Test
    void theMailKeyNamesFormPeriodVersionAndTheDeliveryUnderWay() {
        Job delivering = PLANNED.toBuild(Version.FIRST, Action.NEW).toDeliver(recorded(Version.FIRST, Status.DELIVERING, 0));
        Job resending = PLANNED.toBuild(Version.of(2), Action.REPLACEMENT).toDeliver(recorded(Version.of(2), Status.DELIVERED, 1));

        // none delivered yet (a first delivery, or one finished after a crash): delivery 1; a resend of a version
        // delivered once: delivery 2
        assertThat(delivering.mailKey()).isEqualTo("2-OZh.2025-06.V0001.delivery1");
        assertThat(resending.mailKey()).isEqualTo("2-OZh.2025-06.V0002.delivery2");
        assertThat(PLANNED.toBuild(Version.FIRST, Action.NEW).mailKey()).as("before the ledger has it").isEqualTo("2-OZh.2025-06.V0001.delivery1");
    }

    @Test
    void withNothingRecordedTheFirstVersionIsBuiltAsNew() {
        Job next = PLANNED.withVersions(List.of()).toBuild();
        assertThat(next.step()).isEqualTo(Job.Step.BUILD);
        assertThat(next.version()).isEqualTo(Version.FIRST);
        assertThat(next.action()).isEqualTo(Action.NEW);
        assertThat(PLANNED.unfinishedVersion()).isNull();
        assertThat(PLANNED.deliveredVersion()).isNull();
    }

    @Test
    void aRejectedVersionIsBuiltAgainUnderItsNumberAndRepeatsOnceSomethingReachedTheBureau() {
        Transmission delivered = recorded(Version.FIRST, Status.DELIVERED, 1);
        Job job = PLANNED.withVersions(List.of(delivered, recorded(Version.of(2), Status.REJECTED, 0)));

        assertThat(job.deliveredVersion()).isEqualTo(delivered);
        assertThat(job.unfinishedVersion()).as("a rejection is finished").isNull();
        assertThat(job.toBuild().version()).isEqualTo(Version.of(2));
        assertThat(job.toBuild().action()).isEqualTo(Action.REPLACEMENT);
    }

    @Test
    void theLatestVersionUnfinishedIsToBeFinishedUnlessSuperseded() {
        Transmission failed = recorded(Version.FIRST, Status.FAILED, 0);
        Transmission superseded = new Transmission(failed.id(), failed.form(), failed.period(), failed.version(), failed.action(),
                failed.accumulation(), failed.asOf(), failed.contentHash(), failed.files(), failed.status(), failed.sftpStatus(),
                failed.sftpAt(), failed.sftpError(), failed.mailStatus(), failed.mailAt(), failed.mailError(), failed.deliveries(),
                failed.requester(), failed.createdAt(), failed.updatedAt(), failed.updatedAt(), "superseded by V0002 (--force)");

        assertThat(PLANNED.withVersions(List.of(failed)).unfinishedVersion()).isEqualTo(failed);
        assertThat(PLANNED.withVersions(List.of(superseded)).unfinishedVersion()).isNull();
        // nothing of it reached the bureau: the next number, still new
        assertThat(PLANNED.withVersions(List.of(superseded)).toBuild().version()).isEqualTo(Version.of(2));
        assertThat(PLANNED.withVersions(List.of(superseded)).toBuild().action()).isEqualTo(Action.NEW);
    }

    @Test
    void withoutBuiltFilesNothingIsUnchanged() {
        assertThat(PLANNED.withVersions(List.of(recorded(Version.FIRST, Status.DELIVERED, 1))).unchangedSinceDelivered()).isFalse();
    }

    static Transmission recorded(Version version, Status status, int deliveries) {
        OffsetDateTime at = OffsetDateTime.parse("2025-07-01T06:00:00+05:00");
        return new Transmission(1, FormId.OZH, YearMonth.of(2025, 6), version, version.equals(Version.FIRST) ? Action.NEW : Action.REPLACEMENT,
                Accumulation.MONTH, at, "a".repeat(64), List.of(), status, ChannelStatus.PENDING, null, null,
                ChannelStatus.PENDING, null, null, deliveries, new Requester(Origin.CLI, "test"), at, at, null, null);
    }
}
