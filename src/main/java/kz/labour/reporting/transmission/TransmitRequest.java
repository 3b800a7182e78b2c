package kz.labour.reporting.transmission;

import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Origin;

/**
 * One request to transmit, as the CLI, JMX or the schedule make it: raw text, checked by
 * {@link RequestPlanner#plan(TransmitRequest)} so every entry point gets the same rules and messages.
 *
 * @param period      {@code YYYY-MM} or {@code YYYY-MM..YYYY-MM}
 * @param form        a form id or index, or null for both forms
 * @param asOf        ISO-8601 cut-off, or null for now
 */
public record TransmitRequest(String period, String form, String asOf, Mode mode, Origin origin, String requestedBy) {

    /** Who asked, as the ledger records it. */
    public Requester requester() {
        return new Requester(origin, requestedBy);
    }
}
