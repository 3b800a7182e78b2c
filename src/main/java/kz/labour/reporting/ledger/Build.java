package kz.labour.reporting.ledger;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

/**
 * One build of a form for a period, as {@link Ledger#record} takes it: kept as a version to deliver
 * ({@link Status#BUILT}, with its files) or refused by a validation ERROR ({@link Status#REJECTED},
 * no files), with every finding of the controls and source checks either way.
 *
 * @param contentHash the numbers' fingerprint; null when rejected before the form was laid out
 * @param files       in upload order, the manifest last; empty when rejected
 */
public record Build(FormId form, YearMonth period, Version version, Action action, Accumulation accumulation,
                    OffsetDateTime asOf, String contentHash, List<StoredFile> files, List<Finding> findings,
                    Status status) {

    public Build {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(asOf, "asOf");
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        if (status != Status.BUILT && status != Status.REJECTED) {
            throw new IllegalArgumentException("a build is BUILT or REJECTED, not " + status);
        }
    }
}
