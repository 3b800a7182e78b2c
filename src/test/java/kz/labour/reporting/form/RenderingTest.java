package kz.labour.reporting.form;

import static kz.labour.reporting.form.Fixtures.fieldNames;
import static kz.labour.reporting.form.Fixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RenderingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void givesTheThreeFilesInUploadOrderManifestLast() {
        RenderedForm rendered = Fixtures.render(Fixtures.injuries(), List.of(), 2, Action.REPLACEMENT, Fixtures.GENERATED_AT);
        assertEquals(List.of("2-OZh_2025-06_V0002_R.xlsx", "2-OZh_2025-06_V0002_R.json", "2-OZh_2025-06_V0002_R.manifest.json"),
                rendered.files().stream().map(RenderedFile::name).toList());
    }

    @Test
    void describesEachFileByItsOwnSizeAndSha256() {
        for (RenderedFile file : Fixtures.render(Fixtures.inspections()).files()) {
            assertEquals(file.content().length, file.size(), file.name());
            assertEquals(sha256(file.content()), file.sha256(), file.name());
        }
    }

    @Test
    void manifestListsTheTwoFilesWithSizesAndSha256OfTheirBytes() throws IOException {
        RenderedForm rendered = Fixtures.render(Fixtures.injuries());
        JsonNode manifest = MAPPER.readTree(rendered.manifestFile().content());
        assertEquals(List.of("form", "period", "version", "action", "asOf", "contentHash", "signed", "files"), fieldNames(manifest));
        assertEquals(false, manifest.get("signed").asBoolean(true));
        assertEquals("2-OZh", manifest.get("form").asText());
        assertEquals("2025-06", manifest.get("period").asText());
        assertEquals(1, manifest.get("version").asInt());
        assertEquals("N", manifest.get("action").asText());
        assertEquals("2025-07-01T06:00:00+05:00", manifest.get("asOf").asText());
        assertEquals(rendered.contentHash(), manifest.get("contentHash").asText());
        JsonNode files = manifest.get("files");
        assertEquals(2, files.size());
        assertListed(files.get(0), "2-OZh_2025-06_V0001_N.xlsx", rendered.xlsx().content());
        assertListed(files.get(1), "2-OZh_2025-06_V0001_N.json", rendered.json().content());
    }

    @Test
    void manifestReadsBackToTheSameRecord() {
        Manifest manifest = Fixtures.render(Fixtures.inspections()).manifest();
        assertEquals(manifest, Manifest.parse(manifest.toJson()));
    }

    @Test
    void readsStoredFilesBackByteForByte() {
        RenderedForm rendered = Fixtures.render(Fixtures.inspections());
        rendered.write(dir);
        RenderedForm read = RenderedForm.read(dir, "1-MEIZhM_2025-06_V0001_N.manifest.json");
        assertEquals(rendered, read);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(rendered.files().get(i).content(), read.files().get(i).content());
        }
        assertEquals(rendered.contentHash(), read.contentHash());
    }

    @Test
    void refusesAStoredFileWithOtherContentOfTheSameSize() throws IOException {
        Fixtures.render(Fixtures.injuries()).write(dir);
        Path xlsx = dir.resolve("2-OZh_2025-06_V0001_N.xlsx");
        byte[] bytes = Files.readAllBytes(xlsx);
        bytes[bytes.length / 2] ^= 1;
        Files.write(xlsx, bytes);
        StoredFileException e = assertThrows(StoredFileException.class,
                () -> RenderedForm.read(dir, "2-OZh_2025-06_V0001_N.manifest.json"));
        assertTrue(e.getMessage().contains("2-OZh_2025-06_V0001_N.xlsx") && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void refusesAStoredFileOfAnotherSize() throws IOException {
        Fixtures.render(Fixtures.injuries()).write(dir);
        Path json = dir.resolve("2-OZh_2025-06_V0001_N.json");
        Files.writeString(json, "{}", StandardOpenOption.APPEND);
        StoredFileException e = assertThrows(StoredFileException.class,
                () -> RenderedForm.read(dir, "2-OZh_2025-06_V0001_N.manifest.json"));
        assertTrue(e.getMessage().contains("2-OZh_2025-06_V0001_N.json") && e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void refusesWhenAListedFileIsMissing() throws IOException {
        Fixtures.render(Fixtures.injuries()).write(dir);
        Files.delete(dir.resolve("2-OZh_2025-06_V0001_N.xlsx"));
        StoredFileException e = assertThrows(StoredFileException.class,
                () -> RenderedForm.read(dir, "2-OZh_2025-06_V0001_N.manifest.json"));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void refusesAManifestStoredUnderAnotherVersionsName() throws IOException {
        Fixtures.render(Fixtures.injuries()).write(dir);
        Files.move(dir.resolve("2-OZh_2025-06_V0001_N.manifest.json"), dir.resolve("2-OZh_2025-06_V0002_R.manifest.json"));
        assertThrows(StoredFileException.class, () -> RenderedForm.read(dir, "2-OZh_2025-06_V0002_R.manifest.json"));
    }

    @Test
    void refusesAManifestListingFilesOfAnotherName() throws IOException {
        Fixtures.render(Fixtures.injuries()).write(dir);
        Path manifest = dir.resolve("2-OZh_2025-06_V0001_N.manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"2-OZh_2025-06_V0001_N.json\"", "\"../secret.json\""));
        StoredFileException e = assertThrows(StoredFileException.class, () -> RenderedForm.read(dir, manifest.getFileName().toString()));
        assertTrue(e.getMessage().contains("../secret.json"), e.getMessage());
    }

    @Test
    void refusesAManifestThatIsNotJson() throws IOException {
        Fixtures.render(Fixtures.injuries()).write(dir);
        Files.writeString(dir.resolve("2-OZh_2025-06_V0001_N.manifest.json"), "{\"form\": \"2-OZh\",");
        StoredFileException e = assertThrows(StoredFileException.class,
                () -> RenderedForm.read(dir, "2-OZh_2025-06_V0001_N.manifest.json"));
        assertTrue(e.getMessage().contains("unusable"), e.getMessage());
    }

    @Test
    void rendersIdenticalFilesAndHashFromIdenticalInputs() {
        RenderedForm first = Fixtures.render(Fixtures.inspections());
        RenderedForm second = Fixtures.render(Fixtures.inspections());
        assertArrayEquals(first.json().content(), second.json().content());
        assertArrayEquals(first.manifestFile().content(), second.manifestFile().content());
        assertEquals(first.contentHash(), second.contentHash());
        assertEquals(first, second);
    }

    /** Not a cryptographic signature: a stand-in that shows which bytes were signed ("sig:" and their SHA-256). */
    static final DetachedSigner SIGNER = content -> ("sig:" + sha256(content)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void aSignedVersionUploadsEachSignatureBeforeTheManifestAndItsOwnJustBeforeIt() {
        RenderedForm signed = Fixtures.render(Fixtures.injuries(), List.of(), 2, Action.REPLACEMENT, Fixtures.GENERATED_AT).signed(SIGNER);

        assertEquals(List.of("2-OZh_2025-06_V0002_R.xlsx", "2-OZh_2025-06_V0002_R.json",
                "2-OZh_2025-06_V0002_R.xlsx.p7s", "2-OZh_2025-06_V0002_R.json.p7s",
                "2-OZh_2025-06_V0002_R.manifest.json.p7s", "2-OZh_2025-06_V0002_R.manifest.json"),
                signed.files().stream().map(RenderedFile::name).toList());
    }

    @Test
    void aSignedManifestSaysSoAndListsEveryOtherFileWithItsSizeAndSha256() throws IOException {
        RenderedForm signed = Fixtures.render(Fixtures.injuries()).signed(SIGNER);
        JsonNode manifest = MAPPER.readTree(signed.manifestFile().content());

        assertTrue(manifest.get("signed").asBoolean(false));
        JsonNode files = manifest.get("files");
        assertEquals(4, files.size());
        assertListed(files.get(0), "2-OZh_2025-06_V0001_N.xlsx", signed.xlsx().content());
        assertListed(files.get(1), "2-OZh_2025-06_V0001_N.json", signed.json().content());
        assertListed(files.get(2), "2-OZh_2025-06_V0001_N.xlsx.p7s", SIGNER.sign(signed.xlsx().content()));
        assertListed(files.get(3), "2-OZh_2025-06_V0001_N.json.p7s", SIGNER.sign(signed.json().content()));
        // the manifest's own signature covers the manifest's bytes as uploaded
        RenderedFile own = signed.signatures().get(2);
        assertEquals("2-OZh_2025-06_V0001_N.manifest.json.p7s", own.name());
        assertArrayEquals(SIGNER.sign(signed.manifestFile().content()), own.content());
    }

    @Test
    void signingChangesNeitherTheDocumentsNorTheContentHash() {
        RenderedForm unsigned = Fixtures.render(Fixtures.inspections());
        RenderedForm signed = unsigned.signed(SIGNER);

        assertEquals(unsigned.documents(), signed.documents());
        assertEquals(unsigned.contentHash(), signed.contentHash());
        assertEquals(ContentHash.of(Fixtures.inspections()), signed.contentHash());
        assertThrows(IllegalStateException.class, () -> signed.signed(SIGNER));
    }

    @Test
    void theValidationReportAndItsHtmlAreDocumentsListedSignedAndReadBackAfterTheJson() {
        String stem = "2-OZh_2025-06_V0001_N";
        RenderedFile report = RenderedFile.of(stem + ".validation.json", "{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RenderedFile html = RenderedFile.of(stem + ".validation.html", "<!DOCTYPE html>\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RenderedForm signed = Rendering.render(Fixtures.injuries(), List.of(), Fixtures.LABELS, Fixtures.ORG, 1, Action.NEW,
                Fixtures.GENERATED_AT, Fixtures.ALMATY, report, html).signed(SIGNER);

        assertEquals(List.of(stem + ".xlsx", stem + ".json", stem + ".validation.json", stem + ".validation.html",
                stem + ".xlsx.p7s", stem + ".json.p7s", stem + ".validation.json.p7s", stem + ".validation.html.p7s",
                stem + ".manifest.json.p7s", stem + ".manifest.json"), signed.files().stream().map(RenderedFile::name).toList());
        signed.write(dir);
        assertEquals(signed, RenderedForm.read(dir, stem + ".manifest.json"));
    }

    @Test
    void aVersionStoredWithTheValidationJsonAloneIsStillReadBack() {
        String stem = "2-OZh_2025-06_V0001_N";
        RenderedFile report = RenderedFile.of(stem + ".validation.json", "{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RenderedForm older = Rendering.render(Fixtures.injuries(), List.of(), Fixtures.LABELS, Fixtures.ORG, 1, Action.NEW,
                Fixtures.GENERATED_AT, Fixtures.ALMATY, report);
        older.write(dir);

        assertEquals(older, RenderedForm.read(dir, stem + ".manifest.json"));
    }

    @Test
    void aStoredSignedVersionReadsBackWithItsSignaturesByteForByte() {
        RenderedForm signed = Fixtures.render(Fixtures.inspections()).signed(SIGNER);
        signed.write(dir);

        RenderedForm read = RenderedForm.read(dir, "1-MEIZhM_2025-06_V0001_N.manifest.json");

        assertEquals(signed, read);
        assertEquals(signed.files(), read.files());
        assertTrue(read.isSigned());
    }

    @Test
    void refusesAStoredSignedVersionWhoseManifestSignatureIsMissing() throws IOException {
        Fixtures.render(Fixtures.injuries()).signed(SIGNER).write(dir);
        Files.delete(dir.resolve("2-OZh_2025-06_V0001_N.manifest.json.p7s"));

        StoredFileException e = assertThrows(StoredFileException.class,
                () -> RenderedForm.read(dir, "2-OZh_2025-06_V0001_N.manifest.json"));
        assertTrue(e.getMessage().contains("2-OZh_2025-06_V0001_N.manifest.json.p7s is missing"), e.getMessage());
    }

    @Test
    void refusesAStoredSignatureChangedAfterSigning() throws IOException {
        Fixtures.render(Fixtures.injuries()).signed(SIGNER).write(dir);
        Files.write(dir.resolve("2-OZh_2025-06_V0001_N.json.p7s"), new byte[] {0}, StandardOpenOption.APPEND);

        StoredFileException e = assertThrows(StoredFileException.class,
                () -> RenderedForm.read(dir, "2-OZh_2025-06_V0001_N.manifest.json"));
        assertTrue(e.getMessage().contains("json.p7s has"), e.getMessage());
    }

    @Test
    void aManifestWrittenBeforeSigningExistedReadsAsUnsigned() {
        Manifest manifest = Fixtures.render(Fixtures.injuries()).manifest();
        String old = new String(manifest.toJson(), java.nio.charset.StandardCharsets.UTF_8).replace("  \"signed\": false,\n", "");

        Manifest parsed = Manifest.parse(old.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(manifest, parsed);
        assertTrue(!old.contains("signed"));
    }

    private static void assertListed(JsonNode listed, String name, byte[] content) {
        assertEquals(name, listed.get("name").asText());
        assertEquals(content.length, listed.get("size").asLong());
        assertEquals(sha256(content), listed.get("sha256").asText());
    }
}
