package kz.labour.reporting.receipts;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Transmission;

/**
 * What a receipt means for the ledger, decided without the database: which version it names, how it
 * is recorded, what it does to the version's bureau status and mail recipients, and whether the
 * operators are told. {@link ReceiptBook} reads the version, asks here and writes the answer.
 */
final class ReceiptRules {

    static final Set<String> ACK_STATUSES = Set.of("RECEIVED", "ACCEPTED", "ACCEPTED_WITH_WARNINGS", "REJECTED");

    private ReceiptRules() {
    }

    /** What a receipt names of ours: a version, and for a mail receipt which delivery of it. */
    record Named(FormId form, YearMonth period, Version version, Action action, Integer delivery) {
    }

    /**
     * The version as the ledger holds it when the receipt comes in.
     *
     * @param laterDelivered a later version of the same form and period that reached the bureau, or null
     */
    record VersionState(Transmission transmission, BureauStatus bureauStatus, OffsetDateTime bureauAt, Version laterDelivered) {
    }

    /** A mail recipient's state from a DSN. */
    enum RecipientStatus {
        DELIVERED,
        FAILED
    }

    /**
     * How the receipt is recorded.
     *
     * @param bureauStatus the version's new bureau status, or null to leave it
     * @param recipient    the DSN's recipient's new state, or null
     * @param alert        why the operators are told, or null
     */
    record Decision(ReceiptOutcome outcome, String reason, BureauStatus bureauStatus, RecipientStatus recipient,
                    AlertCause alert) {

        static Decision aside(ReceiptOutcome outcome, String reason) {
            return new Decision(outcome, reason, null, null, null);
        }

        static Decision matched(BureauStatus status, RecipientStatus recipient, AlertCause alert) {
            return new Decision(ReceiptOutcome.MATCHED, null, status, recipient, alert);
        }
    }

    /** The version or delivery the receipt names: an acknowledgement by its stem, mail by its delivery key. */
    static Optional<Named> names(IncomingReceipt receipt) {
        if (receipt.kind() == ReceiptKind.ACK) {
            return Stem.parse(receipt.reference()).map(s -> new Named(s.form(), s.period(), s.version(), s.action(), null));
        }
        return DeliveryKey.find(receipt.reference()).map(k -> new Named(k.form(), k.period(), k.version(), null, k.delivery()));
    }

    /**
     * Decides a receipt. {@code version} is the version it names as the ledger holds it, empty when it
     * names none or the ledger has no such version.
     */
    static Decision decide(IncomingReceipt receipt, Optional<VersionState> version) {
        if (receipt.invalidReason() != null) {
            return Decision.aside(ReceiptOutcome.INVALID, receipt.invalidReason());
        }
        Optional<Named> named = names(receipt);
        if (named.isEmpty()) {
            return Decision.aside(ReceiptOutcome.UNMATCHED, receipt.reference() == null ? "names nothing of ours"
                    : "'" + receipt.reference() + "' names no version of ours");
        }
        Named n = named.get();
        String what = n.form().ascii() + " " + n.period() + " " + n.version().label();
        if (version.isEmpty() || !version.get().transmission().reachedBureau()) {
            return Decision.aside(ReceiptOutcome.UNMATCHED, what + " was never delivered");
        }
        VersionState v = version.get();
        Transmission t = v.transmission();
        if (n.action() != null && n.action() != t.action()) {
            return Decision.aside(ReceiptOutcome.UNMATCHED, what + " was delivered as " + t.action() + ", not " + n.action());
        }
        if (n.delivery() != null && n.delivery() > t.deliveries() + 1) {
            return Decision.aside(ReceiptOutcome.UNMATCHED, what + " delivery " + n.delivery() + " was never sent (deliveries: "
                    + t.deliveries() + ")");
        }
        if (t.superseded()) {
            return Decision.aside(ReceiptOutcome.SUPERSEDED, what + " was superseded: " + t.supersededReason());
        }
        if (v.laterDelivered() != null) {
            return Decision.aside(ReceiptOutcome.SUPERSEDED, what + " was superseded by " + v.laterDelivered().label());
        }
        return switch (receipt.kind()) {
            case ACK -> acknowledgement(receipt, v);
            case DSN -> deliveryStatus(receipt);
            case MDN -> Decision.matched(null, null, null);
            case REPLY -> Decision.matched(null, null, AlertCause.REPLY);
        };
    }

    private static Decision acknowledgement(IncomingReceipt receipt, VersionState v) {
        String status = receipt.status();
        if (status == null || !ACK_STATUSES.contains(status)) {
            return Decision.aside(ReceiptOutcome.INVALID, "status '" + status + "' is not one of " + String.join(", ",
                    ACK_STATUSES.stream().sorted().toList()));
        }
        String delivered = v.transmission().files().isEmpty() ? null
                : v.transmission().files().get(v.transmission().files().size() - 1).sha256();
        if (receipt.manifestSha256() == null || delivered == null
                || !receipt.manifestSha256().trim().toLowerCase(Locale.ROOT).equals(delivered.toLowerCase(Locale.ROOT))) {
            return new Decision(ReceiptOutcome.MISMATCH, "acknowledges manifest SHA-256 " + receipt.manifestSha256()
                    + ", delivered " + delivered, BureauStatus.MISMATCH, null, AlertCause.MISMATCH);
        }
        if (receipt.verification() == Verification.UNSIGNED || receipt.verification() == Verification.INVALID) {
            return Decision.matched(BureauStatus.UNVERIFIED, null, AlertCause.UNVERIFIED);
        }
        if (v.bureauAt() != null && receipt.receivedAt() != null && receipt.receivedAt().isBefore(v.bureauAt())) {
            // an older acknowledgement read late: kept, and the newer status stays
            return Decision.matched(null, null, null);
        }
        BureauStatus next = BureauStatus.valueOf(status);
        return Decision.matched(next, null, next == BureauStatus.REJECTED ? AlertCause.REJECTED : null);
    }

    private static Decision deliveryStatus(IncomingReceipt receipt) {
        if (receipt.recipient() == null || receipt.recipient().isBlank()) {
            return Decision.aside(ReceiptOutcome.INVALID, "a delivery status notification naming no recipient");
        }
        String action = receipt.status() == null ? "" : receipt.status().trim().toLowerCase(Locale.ROOT);
        return switch (action) {
            case "delivered" -> Decision.matched(null, RecipientStatus.DELIVERED, null);
            case "failed" -> Decision.matched(null, RecipientStatus.FAILED, AlertCause.DSN_FAILED);
            // delayed, relayed, expanded: on the way, nothing proven yet
            default -> Decision.matched(null, null, null);
        };
    }

    /** The operators' e-mail for {@code cause}, about the version {@code t}, from {@code receipt}. */
    static Alert alert(AlertCause cause, IncomingReceipt receipt, Transmission t) {
        String name = t.form().index() + " " + t.period() + " " + t.version().label();
        String rerun = "transmit --period " + t.period() + " --form " + t.form().ascii();
        String subject;
        StringBuilder text = new StringBuilder();
        switch (cause) {
            case REJECTED -> {
                subject = name + " REJECTED by the bureau";
                text.append("The bureau rejected ").append(name).append(receiptIdOf(receipt)).append(".\n\n");
                text.append(messages(receipt));
                text.append("\nNothing is resent by itself. Correct the data at the source, then run `").append(rerun)
                        .append(" --force`: the next version goes out as a replacement (R).\n");
            }
            case MISMATCH -> {
                subject = name + ": the bureau acknowledged other bytes than were delivered";
                text.append("The acknowledgement of ").append(name).append(receiptIdOf(receipt)).append(" names manifest SHA-256 ")
                        .append(receipt.manifestSha256()).append(";\nthe ledger delivered ")
                        .append(t.files().isEmpty() ? "no manifest" : t.files().get(t.files().size() - 1).sha256())
                        .append(".\n\nAsk the bureau which file it read. The version's bureau status is MISMATCH until a"
                                + " matching acknowledgement arrives.\n");
            }
            case UNVERIFIED -> {
                subject = name + ": acknowledgement not verified";
                text.append("The acknowledgement of ").append(name).append(receiptIdOf(receipt)).append(" is ")
                        .append(receipt.verification() == Verification.UNSIGNED ? "unsigned" : "signed, but its signature does not verify")
                        .append(" against RECEIPTS_TRUSTSTORE_FILE; it says ").append(receipt.status())
                        .append(".\nThe version's bureau status is UNVERIFIED. Check the trust store and ask the bureau to sign"
                                + " its acknowledgements.\n");
            }
            case DSN_FAILED -> {
                subject = name + ": e-mail to " + receipt.recipient() + " failed";
                text.append("A mail server reports that the e-mail of ").append(name).append(" to ").append(receipt.recipient())
                        .append(" failed:\n  ").append(receipt.detail() == null ? "(no diagnostic)" : receipt.detail())
                        .append("\n\nThe files are on the bureau's SFTP server if that channel is done. Correct the address"
                                + " (MAIL_TO) or ask the bureau, then `").append(rerun).append(" --resend`.\n");
            }
            case REPLY -> {
                subject = name + ": reply from the bureau: " + oneLine(receipt.detail());
                text.append("Someone answered the e-mail of ").append(name).append(":\n\n  Subject: ")
                        .append(oneLine(receipt.detail())).append("\n\nThe message is kept with the version's receipts"
                                + " (status --period ").append(t.period()).append(" --form ").append(t.form().ascii())
                        .append("); read and answer it.\n");
            }
            case NO_ACK -> throw new IllegalArgumentException("NO_ACK is not from a receipt");
            default -> throw new IllegalArgumentException(cause.name());
        }
        return new Alert(subject, text.toString());
    }

    /** The alert when a delivered version has no acknowledgement in time. */
    static Alert noAcknowledgement(Transmission t, OffsetDateTime deliveredAt, java.time.Duration within) {
        String name = t.form().index() + " " + t.period() + " " + t.version().label();
        return new Alert(name + ": no acknowledgement from the bureau",
                name + " was delivered at " + deliveredAt + " and the bureau has not acknowledged it within " + within
                        + " (RECEIPTS_ACK_WITHIN).\n\nCheck that the bureau's acknowledgements reach RECEIPTS_SFTP_DIRECTORY,"
                        + " and ask the bureau whether it received the version. Nothing is resent by itself.\n");
    }

    private static String receiptIdOf(IncomingReceipt receipt) {
        return receipt.receiptId() == null ? "" : " (receipt " + receipt.receiptId() + ")";
    }

    private static String messages(IncomingReceipt receipt) {
        if (receipt.messages().isEmpty()) {
            return "The bureau gave no messages.\n";
        }
        return "The bureau's messages:\n" + receipt.messages().stream().map(ReceiptRules::line).collect(Collectors.joining("\n")) + "\n";
    }

    /** "  K-17 ERROR (region 550000000, column 8): text" */
    static String line(ReceiptMessage m) {
        StringBuilder where = new StringBuilder();
        if (m.kato() != null) {
            where.append("region ").append(m.kato());
        }
        if (m.column() != null) {
            where.append(where.isEmpty() ? "" : ", ").append("column ").append(m.column());
        }
        return "  " + m.rule() + " " + m.severity() + (where.isEmpty() ? "" : " (" + where + ")") + ": " + m.text();
    }

    private static String oneLine(String text) {
        return text == null ? "(no subject)" : text.replaceAll("\\s*[\\r\\n\\t]+\\s*", " ").trim();
    }
}
