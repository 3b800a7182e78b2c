package kz.labour.reporting.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One version of a form as delivered: its documents (the {@code .xlsx}, the {@code .json}, and the
 * {@code .validation.json} and {@code .validation.html} when there are), their detached signatures when the version is signed,
 * and the manifest listing them. Made by {@link Rendering#render} (and {@link #signed}), or read back
 * from disk to resend the stored files, signatures included, byte for byte.
 *
 * @param signatures empty when unsigned; otherwise {@code F.p7s} for each document {@code F} in the
 *                   documents' order, then the manifest's own {@code .manifest.json.p7s}
 */
public record RenderedForm(Manifest manifest, List<RenderedFile> documents, List<RenderedFile> signatures,
                           RenderedFile manifestFile) {

    /** A detached signature's file name is its document's name and this. */
    public static final String SIGNATURE = ".p7s";

    public RenderedForm {
        Objects.requireNonNull(manifest, "manifest");
        documents = List.copyOf(documents);
        signatures = List.copyOf(signatures);
        requireListed(manifest);
        if (manifest.signed() == signatures.isEmpty()) {
            throw new IllegalArgumentException("the manifest says signed: " + manifest.signed() + ", and there are "
                    + signatures.size() + " signatures");
        }
        List<Manifest.FileRef> listed = Stream.concat(documents.stream(), listedSignatures(signatures).stream())
                .map(RenderedFile::ref).toList();
        if (!listed.equals(manifest.files())) {
            throw new IllegalArgumentException("the files are not the ones the manifest lists: " + documents + ", " + signatures);
        }
        if (!manifestFile.name().equals(manifest.names().manifest())
                || !manifest.equals(Manifest.parse(manifestFile.content()))) {
            throw new IllegalArgumentException("the manifest file " + manifestFile.name() + " does not hold this manifest");
        }
        if (manifest.signed() && !signatures.get(signatures.size() - 1).name().equals(manifestFile.name() + SIGNATURE)) {
            throw new IllegalArgumentException("a signed version needs the manifest's own signature " + manifestFile.name() + SIGNATURE);
        }
    }

    /** An unsigned version: the documents, and a manifest ({@code "signed": false}) listing them. */
    static RenderedForm unsigned(Manifest header, List<RenderedFile> documents) {
        Manifest manifest = header.listing(false, documents.stream().map(RenderedFile::ref).toList());
        return new RenderedForm(manifest, documents, List.of(), RenderedFile.of(manifest.names().manifest(), manifest.toJson()));
    }

    /**
     * The same version signed: a detached signature of each document, a manifest ({@code "signed": true})
     * listing the documents and their signatures, and the manifest's own signature. The documents and
     * the content hash are unchanged, so signing never changes what {@code --force} compares.
     *
     * @throws IllegalStateException when this version is already signed
     */
    public RenderedForm signed(DetachedSigner signer) {
        if (manifest.signed()) {
            throw new IllegalStateException(names().stem() + " is signed already");
        }
        List<RenderedFile> signatures = new ArrayList<>();
        for (RenderedFile document : documents) {
            signatures.add(RenderedFile.of(document.name() + SIGNATURE, signer.sign(document.content())));
        }
        List<Manifest.FileRef> listed = Stream.concat(documents.stream(), signatures.stream()).map(RenderedFile::ref).toList();
        Manifest signedManifest = manifest.listing(true, listed);
        RenderedFile manifestFile = RenderedFile.of(signedManifest.names().manifest(), signedManifest.toJson());
        signatures.add(RenderedFile.of(manifestFile.name() + SIGNATURE, signer.sign(manifestFile.content())));
        return new RenderedForm(signedManifest, documents, signatures, manifestFile);
    }

    /** In upload order: the documents, their signatures, the manifest's signature, the manifest last (its presence means the others are complete). */
    public List<RenderedFile> files() {
        List<RenderedFile> files = new ArrayList<>(documents);
        files.addAll(signatures);
        files.add(manifestFile);
        return List.copyOf(files);
    }

    public RenderedFile xlsx() {
        return documents.get(0);
    }

    public RenderedFile json() {
        return documents.get(1);
    }

    public boolean isSigned() {
        return manifest.signed();
    }

    public FileNames names() {
        return manifest.names();
    }

    public String contentHash() {
        return manifest.contentHash();
    }

    /**
     * Reads a stored version back: the manifest {@code manifestName} in {@code dir}, the files it lists,
     * each checked against the manifest's size and SHA-256, and, when it says it is signed, its own
     * signature beside it.
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
        List<RenderedFile> documents = new ArrayList<>();
        List<RenderedFile> signatures = new ArrayList<>();
        for (Manifest.FileRef ref : manifest.files()) {
            (ref.name().endsWith(SIGNATURE) ? signatures : documents).add(verified(dir, ref));
        }
        if (manifest.signed()) {
            String own = manifestName + SIGNATURE;
            byte[] signature = load(dir, own);
            if (signature.length == 0) {
                throw new StoredFileException("stored file " + dir.resolve(own) + " is empty; the manifest says the version is signed");
            }
            signatures.add(RenderedFile.of(own, signature));
        }
        return new RenderedForm(manifest, documents, signatures, RenderedFile.of(manifestName, manifestBytes));
    }

    /**
     * Writes the files into {@code dir} in upload order, manifest last, each under a temporary name first
     * and then moved into place, so a reader never sees half a file. Files of the same names are
     * replaced: whether that is allowed is the caller's decision.
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

    /** The signatures the manifest lists: all but its own, which is last. */
    private static List<RenderedFile> listedSignatures(List<RenderedFile> signatures) {
        return signatures.isEmpty() ? List.of() : signatures.subList(0, signatures.size() - 1);
    }

    /**
     * The documents a version may have, in listing order: the workbook and the JSON; then the validation
     * report's {@code .validation.json}; then also its {@code .validation.html} (versions built before the
     * HTML existed have the first two layouts, and are still read and resent as they were).
     */
    private static List<List<String>> documentLayouts(FileNames names) {
        String report = names.stem() + ".validation";
        return List.of(List.of(names.xlsx(), names.json()),
                List.of(names.xlsx(), names.json(), report + ".json"),
                List.of(names.xlsx(), names.json(), report + ".json", report + ".html"));
    }

    /**
     * The manifest must list exactly the documents of its own version and, when signed, the signature
     * of each, so no other path is ever read.
     */
    private static void requireListed(Manifest manifest) {
        FileNames names = manifest.names();
        List<String> listed = manifest.files().stream().map(Manifest.FileRef::name).toList();
        for (List<String> documents : documentLayouts(names)) {
            List<String> expected = manifest.signed()
                    ? Stream.concat(documents.stream(), documents.stream().map(d -> d + SIGNATURE)).toList()
                    : documents;
            if (listed.equals(expected)) {
                return;
            }
        }
        List<String> documents = documentLayouts(names).get(0);
        throw new IllegalArgumentException("the manifest lists " + listed + ", expected " + documents
                + (manifest.signed() ? " and their " + SIGNATURE + " signatures" : "")
                + ", with " + names.stem() + ".validation.json after the .json when there is one, and "
                + names.stem() + ".validation.html after that");
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
