package kz.labour.reporting.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedOperationParameters;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.jmx.export.naming.SelfNaming;
import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.explain.Explainer;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.receipts.ReceiptBook;
import kz.labour.reporting.ledger.DeliveryHistory;
import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.schedule.Deadlines;
import kz.labour.reporting.schedule.ReportingCalendar;
import kz.labour.reporting.schedule.ScheduleSettings;
import kz.labour.reporting.schedule.ScheduleView;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.RecentFailures;
import kz.labour.reporting.transmission.Summary;
import kz.labour.reporting.transmission.TransmissionService;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * The application MBean (docs/operators-guide.md): per form what was delivered last, what is
 * overdue, when the schedule next sends it and what failed last; and the operators' reruns, which
 * enter the transmission (TransmissionService) like the CLI and the schedule, with the CLI's rules and messages.
 *
 * <p>Bad input (a period or form the CLI would refuse) throws IllegalArgumentException with the
 * CLI's message and sends nothing. A JDK exception type, so any JMX client shows it without our
 * classes. Everything else returns the CLI's summary table and its exit code as text.
 */
@Component
@ManagedResource(description = "labour-reporting: the monthly forms 1-МЕИЖМ (1-MEIZhM) and 2-ӨЖ (2-OZh), "
        + "their schedule, and operator reruns")
public class ReportingMBean implements SelfNaming {

    private final TransmissionService transmissions;
    private final StatusReport statusReport;
    private final DeliveryHistory history;
    private final Deadlines deadlines;
    private final ScheduleView schedule;
    private final ReportingCalendar calendar;
    private final RecentFailures failures;
    private final ReportingSettings settings;
    private final Clock clock;
    private final String objectName;
    private final Explainer explainer;
    private final ReceiptBook receipts;

    public ReportingMBean(TransmissionService transmissions, StatusReport statusReport, DeliveryHistory history, Deadlines deadlines,
                          ScheduleView schedule, ReportingCalendar calendar, RecentFailures failures,
                          ReportingSettings settings, Clock clock,
                          @Value("${reporting.jmx.object-name}") String objectName, Explainer explainer,
                          ReceiptBook receipts) {
        this.receipts = receipts;
        this.transmissions = transmissions;
        this.statusReport = statusReport;
        this.history = history;
        this.deadlines = deadlines;
        this.schedule = schedule;
        this.calendar = calendar;
        this.failures = failures;
        this.settings = settings;
        this.clock = clock;
        this.objectName = objectName;
        this.explainer = explainer;
    }

    @Override
    public ObjectName getObjectName() throws MalformedObjectNameException {
        return new ObjectName(objectName);
    }

    // ---- operations -------------------------------------------------------------------------

    @ManagedOperation(description = "Like 'transmit --period P [--form F] [--force]': without force, deliver once "
            + "(skip what is delivered, finish what was interrupted, else build V0001); with force, build from current "
            + "data and send a new version only if the numbers changed. Returns the summary and exit code.")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "period", description = "YYYY-MM, or YYYY-MM..YYYY-MM, a month that has ended"),
            @ManagedOperationParameter(name = "form", description = "1-MEIZhM or 2-OZh (1-МЕИЖМ, 2-ӨЖ, any case); empty for both"),
            @ManagedOperationParameter(name = "force", description = "true = --force") })
    public String transmit(String period, String form, boolean force) {
        return run(new TransmitRequest(period, blankToNull(form), null, force ? Mode.FORCE : Mode.PLAIN, Trigger.JMX,
                JmxCaller.identity()));
    }

    @ManagedOperation(description = "Like 'transmit --period P [--form F] --resend': deliver the latest delivered "
            + "version's stored files again, byte for byte. Returns the summary and exit code.")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "period", description = "YYYY-MM, or YYYY-MM..YYYY-MM, a month that has ended"),
            @ManagedOperationParameter(name = "form", description = "1-MEIZhM or 2-OZh (1-МЕИЖМ, 2-ӨЖ, any case); empty for both") })
    public String resend(String period, String form) {
        return run(new TransmitRequest(period, blankToNull(form), null, Mode.RESEND, Trigger.JMX, JmxCaller.identity()));
    }

    @ManagedOperation(description = "Like 'status [--period P]': the ledger as a table; empty period for every period")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "period", description = "YYYY-MM, or empty for all") })
    public String status(String period) {
        return refusingBadInput(() -> statusReport.table(blankToNull(period)));
    }

    @ManagedOperation(description = "Like 'status --period P --form F': each version of one form for one period, every "
            + "build of it (REJECTED ones included) and each build's findings")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "period", description = "YYYY-MM"),
            @ManagedOperationParameter(name = "form", description = "1-MEIZhM or 2-OZh (1-МЕИЖМ, 2-ӨЖ, any case)") })
    public String formStatus(String period, String form) {
        return refusingBadInput(() -> statusReport.detail(blankToNull(period), form));
    }

    /** Bad input as a JDK exception with the CLI's message, so any JMX client shows it without our classes. */
    private static String refusingBadInput(Supplier<String> answer) {
        try {
            return answer.get();
        } catch (BadInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @ManagedOperation(description = "Like 'explain --period P --form F --cell KATO:N [--as-of T | --version VNNNN] [--json]': "
            + "the source rows behind one cell of a form and their sum, which is the cell. Reads the source, sends nothing.")
    @ManagedOperationParameters({
            @ManagedOperationParameter(name = "period", description = "YYYY-MM, a month that has ended"),
            @ManagedOperationParameter(name = "form", description = "1-MEIZhM or 2-OZh (1-МЕИЖМ, 2-ӨЖ, any case)"),
            @ManagedOperationParameter(name = "cell", description = "KATO:N, a region's code (000000000 for the total) and a column"),
            @ManagedOperationParameter(name = "asOf", description = "data cut-off, ISO-8601; empty for now (or for the version's)"),
            @ManagedOperationParameter(name = "version", description = "VNNNN: what that recorded version held; empty for none"),
            @ManagedOperationParameter(name = "json", description = "true = the JSON of --json, false = the table") })
    public String explain(String period, String form, String cell, String asOf, String version, boolean json) {
        try {
            var explained = explainer.explain(new Explainer.Query(blankToNull(period), blankToNull(form), blankToNull(cell),
                    blankToNull(asOf), blankToNull(version)));
            return json ? explained.json() : explained.table();
        } catch (BadInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            // a JDK type, so the client needs none of our classes to show it
            throw new IllegalStateException("error: " + e.getMessage());
        }
    }

    private String run(TransmitRequest request) {
        Summary summary;
        try {
            summary = transmissions.transmit(request);
        } catch (BadInputException bad) {
            throw new IllegalArgumentException(bad.getMessage());
        } catch (RuntimeException e) {
            // a JDK type, so the client needs none of our classes (nor Camel's) to show it
            throw new IllegalStateException("error: " + e.getMessage());
        }
        return summary.table() + summary.exitCode().describe() + "\n";
    }

    // ---- attributes, per form ------------------------------------------------------------------

    @ManagedAttribute(description = "1-МЕИЖМ: latest period delivered to the bureau (YYYY-MM), empty if none")
    public String getMEIZhM_LastDeliveredPeriod() {
        return lastDeliveredPeriod(FormId.MEIZHM);
    }

    @ManagedAttribute(description = "1-МЕИЖМ: version delivered for that period (0 if none)")
    public int getMEIZhM_LastDeliveredVersion() {
        return lastDeliveredVersion(FormId.MEIZHM);
    }

    @ManagedAttribute(description = "1-МЕИЖМ: periods past their deadline and not delivered")
    public String[] getMEIZhM_OverduePeriods() {
        return overduePeriods(FormId.MEIZHM);
    }

    @ManagedAttribute(description = "1-МЕИЖМ: when the schedule next transmits it (reporting zone), empty if the schedule is off")
    public String getMEIZhM_NextFireTime() {
        return nextFireTime(FormId.MEIZHM);
    }

    @ManagedAttribute(description = "1-МЕИЖМ: the last REJECTED/FAILED version or failed run, with its cause; empty if none")
    public String getMEIZhM_LastFailure() {
        return lastFailure(FormId.MEIZHM);
    }

    @ManagedAttribute(description = "1-МЕИЖМ: what the bureau says of the latest version delivered, e.g. "
            + "'2025-06 V0001 ACCEPTED' (NONE until it acknowledges); empty if none was delivered")
    public String getMEIZhM_BureauStatus() {
        return bureauStatus(FormId.MEIZHM);
    }

    @ManagedAttribute(description = "2-ӨЖ: latest period delivered to the bureau (YYYY-MM), empty if none")
    public String getOZh_LastDeliveredPeriod() {
        return lastDeliveredPeriod(FormId.OZH);
    }

    @ManagedAttribute(description = "2-ӨЖ: version delivered for that period (0 if none)")
    public int getOZh_LastDeliveredVersion() {
        return lastDeliveredVersion(FormId.OZH);
    }

    @ManagedAttribute(description = "2-ӨЖ: periods past their deadline and not delivered")
    public String[] getOZh_OverduePeriods() {
        return overduePeriods(FormId.OZH);
    }

    @ManagedAttribute(description = "2-ӨЖ: when the schedule next transmits it (reporting zone), empty if the schedule is off")
    public String getOZh_NextFireTime() {
        return nextFireTime(FormId.OZH);
    }

    @ManagedAttribute(description = "2-ӨЖ: the last REJECTED/FAILED version or failed run, with its cause; empty if none")
    public String getOZh_LastFailure() {
        return lastFailure(FormId.OZH);
    }

    @ManagedAttribute(description = "2-ӨЖ: what the bureau says of the latest version delivered, e.g. "
            + "'2025-06 V0001 ACCEPTED' (NONE until it acknowledges); empty if none was delivered")
    public String getOZh_BureauStatus() {
        return bureauStatus(FormId.OZH);
    }

    @ManagedAttribute(description = "Versions of the month whose deadline passed last that were delivered and that the "
            + "bureau has not acknowledged, e.g. '2-OZh 2025-06 V0001'; empty when none")
    public String[] getUnacknowledged() {
        return receipts.unacknowledgedAtDeadline(clock.instant(), settings.zoneId()).stream()
                .map(v -> v.form().ascii() + " " + v.period() + " " + v.version().label()).toArray(String[]::new);
    }

    // ---- attributes, the schedule ----------------------------------------------------------------

    @ManagedAttribute(description = "Every overdue form and period, e.g. '2-OZh 2025-06'; empty when none")
    public String[] getOverdue() {
        return deadlines.overdue().stream().map(o -> o.form() + " " + o.period()).toArray(String[]::new);
    }

    @ManagedAttribute(description = "Whether this instance runs the schedule")
    public boolean isScheduleEnabled() {
        return schedule.enabled();
    }

    @ManagedAttribute(description = "This instance's Quartz id in the cluster")
    public String getSchedulerInstanceId() {
        return schedule.instanceId();
    }

    @ManagedAttribute(description = "Next fire of monthly-trigger (cluster-wide: one instance fires it)")
    public String getNextMonthlyRun() {
        return format(schedule.nextFire(ScheduleSettings.MONTHLY));
    }

    @ManagedAttribute(description = "Next fire of catch-up-trigger that will act (its fires before the month's monthly "
            + "run is due do nothing)")
    public String getNextCatchUp() {
        return format(schedule.nextEffectiveCatchUp());
    }

    @ManagedAttribute(description = "Next fire of deadline-check")
    public String getNextDeadlineCheck() {
        return format(schedule.nextFire(ScheduleSettings.DEADLINE));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String bureauStatus(FormId form) {
        return receipts.latestDelivered(form).map(v -> v.period() + " " + v.version().label() + " " + v.status()).orElse("");
    }

    private String lastDeliveredPeriod(FormId form) {
        return history.lastDelivered(form).map(d -> d.period().toString()).orElse("");
    }

    private int lastDeliveredVersion(FormId form) {
        return history.lastDelivered(form).map(d -> d.version().number()).orElse(0);
    }

    private String[] overduePeriods(FormId form) {
        return deadlines.overdue().stream().filter(o -> o.form() == form).map(o -> o.period().toString())
                .toArray(String[]::new);
    }

    /**
     * The monthly run; or, while the form's last ended month is not delivered, the next catch-up
     * that will act if that comes first.
     */
    private String nextFireTime(FormId form) {
        Optional<Instant> monthly = schedule.nextFire(ScheduleSettings.MONTHLY);
        YearMonth lastEnded = settings.periods().lastEnded(clock.instant());
        boolean pending = history.lastDelivered(form).map(d -> d.period().isBefore(lastEnded)).orElse(true);
        Optional<Instant> catchUp = pending ? schedule.nextEffectiveCatchUp() : Optional.empty();
        return format(Stream.of(monthly, catchUp).flatMap(Optional::stream).min(Comparator.naturalOrder()));
    }

    private record Dated(Instant at, String text) {
    }

    /** The later of the ledger's last REJECTED/FAILED version and this instance's last failed run. */
    private String lastFailure(FormId form) {
        Optional<Dated> fromLedger = history.lastFailure(form).map(f -> new Dated(f.at().toInstant(),
                f.period() + " " + f.version().label() + " " + f.status() + " at " + local(f.at().toInstant())
                        + (f.detail() == null || f.detail().isEmpty() ? "" : ": " + f.detail())));
        Optional<Dated> fromRuns = failures.last(form).map(f -> new Dated(f.at(),
                f.period() + " " + f.text() + " at " + local(f.at())));
        return Stream.of(fromLedger, fromRuns).flatMap(Optional::stream).max(Comparator.comparing(Dated::at))
                .map(Dated::text).orElse("");
    }

    private String format(Optional<Instant> instant) {
        return instant.map(this::local).orElse("");
    }

    /** ISO-8601 with the reporting zone's offset, always to the second (2025-07-01T06:00:00+05:00). */
    private String local(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(calendar.zone()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
