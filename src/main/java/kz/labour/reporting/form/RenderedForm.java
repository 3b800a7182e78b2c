package kz.labour.reporting.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * One version of a form as delivered: the {@code .xlsx}, the {@code .json} and the manifest listing them.
 * Made by {@link Rendering#render}, or read back from disk to resend the stored files byte for byte.
 */
public record RenderedForm(Manifest manifest, RenderedFile xlsx, RenderedFile json, RenderedFile manifestFile) {

    public RenderedForm {
        Objects.requireNonNull(manifest, "manifest");
        requireListed(manifest);
        if (!xlsx.ref().equals(manifest.files().get(0)) || !json.ref().equals(manifest.files().get(1))) {
            throw new IllegalArgumentException("the files are not the ones the manifest lists: " + xlsx + ", " + json);
        }
        if (!manifestFile.name().equals(manifest.names().manifest())
                || !manifest.equals(Manifest.parse(manifestFile.content()))) {
            throw new IllegalArgumentException("the manifest file " + manifestFile.name() + " does not hold this manifest");
        }
    }

    /** In upload order: the manifest last, so its presence means the others are complete. */
    public List<RenderedFile> files() {
        return List.of(xlsx, json, manifestFile);
    }

    public FileNames names() {
        return manifest.names();
    }

    public String contentHash() {
        return manifest.contentHash();
    }

    /**
     * Reads a stored version back: the manifest {@code manifestName} in {@code dir} and the two files it
     * lists, each checked against the manifest's size and SHA-256.
     *
     * @throws StoredFileException a file is missing, unreadable or not what the manifest says
     */
    public static RenderedForm read(Path dir, String manifestName) {
        byte[] manifestBytes = load(dir, manifestName);
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestBytes);
            requireListed(manifest);
        } catch (IllegalArgumentException e) {
            throw new StoredFileException("stored manifest " + dir.resolve(manifestName) + " is unusable: " + e.getMessage(), e);
        }
        if (!manifest.names().manifest().equals(manifestName)) {
            throw new StoredFileException("stored manifest " + dir.resolve(manifestName) + " describes "
                    + manifest.names().stem() + ", not the version its name says");
        }
        return new RenderedForm(manifest, verified(dir, manifest.files().get(0)), verified(dir, manifest.files().get(1)),
                RenderedFile.of(manifestName, manifestBytes));
    }

    /**
     * Writes the three files into {@code dir}, manifest last, each under a temporary name first and then
     * moved into place, so a reader never sees half a file. Files of the same names are replaced: whether
     * that is allowed is the caller's decision.
     */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (RenderedFile file : files()) {
                Path temporary = dir.resolve(file.name() + ".part");
                Files.write(temporary, file.content());
                Files.move(temporary, dir.resolve(file.name()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + names().stem() + " into " + dir, e);
        }
    }

    /** The manifest must list exactly the .xlsx and the .json of its own version, so no other path is ever read. */
    private static void requireListed(Manifest manifest) {
        FileNames names = manifest.names();
        List<String> listed = manifest.files().stream().map(Manifest.FileRef::name).toList();
        if (!listed.equals(List.of(names.xlsx(), names.json()))) {
            throw new IllegalArgumentException("the manifest lists " + listed + ", expected [" + names.xlsx() + ", " + names.json() + "]");
        }
    }

    private static RenderedFile verified(Path dir, Manifest.FileRef expected) {
        RenderedFile found = RenderedFile.of(expected.name(), load(dir, expected.name()));
        if (found.size() != expected.size()) {
            throw new StoredFileException("stored file " + dir.resolve(expected.name()) + " has " + found.size()
                    + " bytes, the manifest says " + expected.size() + "; it was changed after rendering");
        }
        if (!found.sha256().equals(expected.sha256())) {
            throw new StoredFileException("stored file " + dir.resolve(expected.name()) + " has SHA-256 " + found.sha256()
                    + ", the manifest says " + expected.sha256() + "; it was changed after rendering");
        }
        return found;
    }

    private static byte[] load(Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StoredFileException("stored file " + file + " is missing", e);
        } catch (IOException e) {
            throw new StoredFileException("stored file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
