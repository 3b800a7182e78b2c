package kz.labour.reporting.receipts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One message of the bureau's acknowledgement: the rule, its severity and text, and where (both may be null). */
@JsonPropertyOrder({"rule", "severity", "text", "kato", "column"})
public record ReceiptMessage(String rule, String severity, String text, String kato, Integer column) {
}
