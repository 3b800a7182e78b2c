package kz.labour.reporting.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** How the rendered files print timestamps, numbers and JSON, in one place so the three files agree. */
public final class Formats {

    /** Always a numeric offset ("+00:00", never "Z") and whole seconds, as docs/interfaces.md shows. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    /**
     * The project's one JSON mapper (also the Spring bean): decimals never in E-notation, java.time read
     * with the offset written, fields added later by a writer (the bureau's acknowledgements, newer files)
     * ignored, a null where a number must be refused.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    /** Pretty-printed with "\n" whatever the platform, so the bytes (and their SHA-256) are the same everywhere. */
    private static final ObjectWriter JSON_WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        JSON_WRITER = MAPPER.writer(printer);
    }

    private Formats() {
    }

    /** The configured mapper, for code that is not a Spring bean; beans take the same instance by injection. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The instant as seen in the reporting zone, cut to the second. */
    public static OffsetDateTime inZone(OffsetDateTime time, ZoneId zone) {
        return time.atZoneSameInstant(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS);
    }

    /** "2025-07-01T06:00:00+05:00". */
    public static String timestamp(OffsetDateTime time) {
        return TIMESTAMP.format(time);
    }

    /** A cell as printed: whole numbers for counts, one decimal for column 9 of 1-МЕИЖМ. */
    public static BigDecimal printed(FormRow row, ColumnDef column) {
        return row.value(column.number()).setScale(column.scale(), RoundingMode.HALF_UP);
    }

    /** UTF-8 bytes of records, letters unescaped, decimals never in E-notation, ending with a newline. */
    public static byte[] json(Object records) {
        try {
            byte[] body = JSON_WRITER.writeValueAsBytes(records);
            byte[] out = Arrays.copyOf(body, body.length + 1);
            out[body.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("records in memory always serialise", e);
        }
    }

    /** Reads JSON that the project wrote into records of {@code type}; numbers read into BigDecimal keep their printed scale. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }
}
