package kz.labour.reporting.receipts;

import java.time.OffsetDateTime;
import java.time.YearMonth;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

/** The bureau status of one version and the bureau's time of the acknowledgement that set it (null for NONE). */
public record VersionBureauStatus(long transmissionId, FormId form, YearMonth period, Version version, BureauStatus status,
                                  OffsetDateTime at) {
}
