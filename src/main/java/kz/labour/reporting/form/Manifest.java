package kz.labour.reporting.form;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code .manifest.json} file, uploaded last so its presence means the others are complete: every
 * other file of the version (the {@code .xlsx}, the {@code .json}, and when {@code signed} their
 * {@code .p7s} signatures) with its size and SHA-256, and which form, period and version they are. Its
 * own signature, {@code .manifest.json.p7s}, cannot be listed in it; it is uploaded just before it.
 * {@code asOf} is kept with the offset it is printed with, so the manifest reads back to the same bytes.
 */
public record Manifest(FormId form, YearMonth period, int version, Action action, OffsetDateTime asOf,
                       String contentHash, boolean signed, List<FileRef> files) {

    /** One listed file. */
    public record FileRef(String name, long size, String sha256) {

        public FileRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    public Manifest {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(contentHash, "contentHash");
        files = List.copyOf(files);
        FileNames.of(form, period, version, action); // rejects what could not be named
    }

    /** The same version's manifest listing {@code files}, signed or not. */
    Manifest listing(boolean signed, List<FileRef> files) {
        return new Manifest(form, period, version, action, asOf, contentHash, signed, files);
    }

    public FileNames names() {
        return FileNames.of(form, period, version, action);
    }

    public byte[] toJson() {
        ObjectNode root = Formats.MAPPER.createObjectNode()
                .put("form", form.ascii())
                .put("period", period.toString())
                .put("version", version)
                .put("action", String.valueOf(action.letter()))
                .put("asOf", Formats.timestamp(asOf))
                .put("contentHash", contentHash)
                .put("signed", signed);
        ArrayNode list = root.putArray("files");
        for (FileRef f : files) {
            list.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
        }
        return Formats.json(root);
    }

    /** Reads a manifest back; a malformed one is an {@link IllegalArgumentException} naming the field. */
    public static Manifest parse(byte[] json) {
        JsonNode root;
        try {
            root = Formats.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not JSON: " + e.getMessage(), e);
        }
        String form = text(root, "form");
        String action = text(root, "action");
        if (action.length() != 1) {
            throw new IllegalArgumentException("the manifest's action '" + action + "' is not one letter");
        }
        List<FileRef> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            files.add(new FileRef(text(f, "name"), integer(f, "size"), text(f, "sha256")));
        }
        try {
            return new Manifest(
                    Arrays.stream(FormId.values()).filter(id -> id.ascii().equals(form)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("the manifest names an unknown form '" + form + "'")),
                    YearMonth.parse(text(root, "period")),
                    Math.toIntExact(integer(root, "version")),
                    Action.of(action.charAt(0)),
                    OffsetDateTime.parse(text(root, "asOf")),
                    text(root, "contentHash"),
                    signed(root),
                    files);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("the manifest has a malformed period, version or asOf: " + e.getMessage(), e);
        }
    }

    /** {@code "signed"}; absent in manifests written before files were signed, which were not. */
    private static boolean signed(JsonNode root) {
        JsonNode value = root.path("signed");
        if (value.isMissingNode()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("the manifest's field 'signed' is not true or false");
        }
        return value.booleanValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the manifest has no text field '" + field + "'");
        }
        return value.asText();
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("the manifest has no whole-number field '" + field + "'");
        }
        return value.asLong();
    }
}
