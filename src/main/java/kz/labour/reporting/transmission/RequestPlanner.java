package kz.labour.reporting.transmission;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.delivery.DeliveryPreflight;
import kz.labour.reporting.quality.PlausibilitySettings;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.form.FormId;

/**
 * The first step of route {@code transmit}: checks a request and splits it into one job per month and
 * form, months in order. Every entry point's request goes through here, so all get the same rules and
 * messages; nothing is read yet.
 */
@Component("requestPlanner")
class RequestPlanner {

    private final ReportingSettings settings;
    private final Clock clock;
    private final Signing signing;
    private final DeliveryPreflight deliveryPreflight;
    private final PlausibilitySettings plausibilitySettings;

    public RequestPlanner(ReportingSettings settings, Clock clock, Signing signing, DeliveryPreflight deliveryPreflight,
                          PlausibilitySettings plausibilitySettings) {
        this.settings = settings;
        this.plausibilitySettings = plausibilitySettings;
        this.clock = clock;
        this.signing = signing;
        this.deliveryPreflight = deliveryPreflight;
    }

    public List<Job> plan(TransmitRequest request) {
        settings.validate();
        // the quality checks' thresholds, before anything is read (a dry run reports them too)
        plausibilitySettings.validate();
        Instant now = clock.instant();
        List<YearMonth> months = settings.periods().parse(request.period(), now);
        List<FormId> forms = request.form() == null || request.form().isBlank()
                ? List.of(FormId.values()) : List.of(FormId.parse(request.form()));
        OffsetDateTime asOf = settings.periods().asOf(request.asOf(), now);
        // Everything a run needs is checked here, before anything is read or sent, for the schedule, the
        // CLI and JMX alike (the CLI checked most of it before the application started, CommandCheck).
        boolean delivering = request.mode() != Mode.DRY_RUN;
        settings.periods().checkCutOff(months, request.asOf(), asOf, delivering);
        signing.check();
        if (delivering) {
            settings.organisation().problems().stream().findFirst().ifPresent(p -> {
                throw new BadInputException(p.variable(), p.message());
            });
            deliveryPreflight.check();
        }
        List<Job> jobs = new ArrayList<>();
        for (YearMonth month : months) {
            for (FormId form : forms) {
                jobs.add(Job.planned(form, month, asOf, request));
            }
        }
        return jobs;
    }
}
