package kz.labour.reporting.receipts;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapper of receipts: acknowledgement files in, the bureau's messages to and from the ledger. */
final class ReceiptJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a field the bureau adds later does not make its acknowledgements unreadable
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

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
