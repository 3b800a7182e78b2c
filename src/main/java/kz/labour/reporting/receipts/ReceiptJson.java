package kz.labour.reporting.receipts;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import kz.labour.reporting.form.Formats;

/** JSON of receipts: acknowledgement files in, the bureau's messages to and from the ledger. */
final class ReceiptJson {

    /** The project's one mapper, which ignores a field the bureau adds later and keeps the offsets it writes. */
    static final ObjectMapper MAPPER = Formats.mapper();

    private ReceiptJson() {
    }

    static String write(List<ReceiptMessage> messages) {
        try {
            return MAPPER.writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ReceiptMessage> messages(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<ReceiptMessage>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable messages column: " + e.getMessage(), e);
        }
    }
}
