package kz.labour.reporting.ledger;

import java.time.OffsetDateTime;
import java.util.List;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.Version;

/**
 * One build of a version as the ledger keeps it, with its findings. A REJECTED version's number is
 * taken again by the next build, so one version may have several attempts; none is ever overwritten.
 *
 * @param transmissionId the ledger row of the version it was built as
 * @param status         {@link Status#BUILT} or {@link Status#REJECTED}
 */
public record Attempt(long id, long transmissionId, Version version, Action action, Status status, OffsetDateTime asOf,
                      String contentHash, Requester requester, OffsetDateTime at, List<Finding> findings) {

    public Attempt {
        findings = List.copyOf(findings);
    }
}
