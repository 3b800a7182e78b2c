package kz.labour.reporting.form;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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
        return Formats.json(new Json(form.ascii(), period.toString(), version, String.valueOf(action.letter()),
                Formats.timestamp(asOf), contentHash, signed,
                files.stream().map(f -> new Json.File(f.name(), f.size(), f.sha256())).toList()));
    }

    /** Reads a manifest back; a malformed one is an {@link IllegalArgumentException} naming the field. */
    public static Manifest parse(byte[] json) {
        Json read;
        try {
            read = Formats.read(json, Json.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not JSON of the documented shape: " + e.getMessage(), e);
        }
        String form = required(read.form(), "form");
        String action = required(read.action(), "action");
        if (action.length() != 1) {
            throw new IllegalArgumentException("the manifest's action '" + action + "' is not one letter");
        }
        List<FileRef> files = new ArrayList<>();
        for (Json.File f : read.files() == null ? List.<Json.File>of() : read.files()) {
            if (f == null) {
                throw new IllegalArgumentException("the manifest lists a file that is null");
            }
            files.add(new FileRef(required(f.name(), "name"), required(f.size(), "size"), required(f.sha256(), "sha256")));
        }
        try {
            return new Manifest(
                    Arrays.stream(FormId.values()).filter(id -> id.ascii().equals(form)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("the manifest names an unknown form '" + form + "'")),
                    YearMonth.parse(required(read.period(), "period")),
                    required(read.version(), "version"),
                    Action.of(action.charAt(0)),
                    OffsetDateTime.parse(required(read.asOf(), "asOf")),
                    required(read.contentHash(), "contentHash"),
                    // absent in manifests written before files were signed, which were not
                    Boolean.TRUE.equals(read.signed()),
                    files);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the manifest has a malformed period or asOf: " + e.getMessage(), e);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the manifest has no field '" + field + "'");
        }
        return value;
    }

    /** The file as written: fields in the documented order, the letters and timestamps as printed. */
    @JsonPropertyOrder({"form", "period", "version", "action", "asOf", "contentHash", "signed", "files"})
    record Json(String form, String period, Integer version, String action, String asOf, String contentHash,
                Boolean signed, List<File> files) {

        /** Boxed, so that a missing size is told apart from 0. */
        @JsonPropertyOrder({"name", "size", "sha256"})
        record File(String name, Long size, String sha256) {
        }
    }
}
