package kz.labour.reporting.form;

import java.util.Arrays;
import java.util.Objects;

/** One file ready to upload or attach: its name, bytes, SHA-256 (hex) and size, which always agree. */
public record RenderedFile(String name, byte[] content, String sha256, long size) {

    public RenderedFile {
        Objects.requireNonNull(name, "name");
        content = content.clone(); // a record must not share a mutable array with its caller
        if (size != content.length || !Sha256.hex(content).equals(sha256)) {
            throw new IllegalArgumentException(name + ": size or SHA-256 does not describe the content");
        }
    }

    public static RenderedFile of(String name, byte[] content) {
        return new RenderedFile(name, content, Sha256.hex(content), content.length);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** How the manifest lists this file. */
    public Manifest.FileRef ref() {
        return new Manifest.FileRef(name, size, sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedFile f && name.equals(f.name) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return name + " (" + size + " bytes, sha256 " + sha256 + ")";
    }
}
