package kz.labour.reporting.form;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The {@code .json} and {@code .manifest.json} files are an outside interface: their bytes (and so their
 * SHA-256) must not change when the code that writes them does. The files under {@code golden/} were
 * written by the code before the formats became records; regenerate them only for a deliberate format
 * change, with {@code -Dgolden.write=src/test/resources/golden}.
 */
class GoldenFilesTest {

    /** One finding with every field the file carries, one without {@code where}, letters outside ASCII in both. */
    private static final List<Finding> FINDINGS = List.of(
            new Finding("c3<=c2", Severity.ERROR, "row 350000000 Қарағанды облысы, column 3",
                    "жәбірленушілер саны жазатайым оқиғалардан көп емес (c2=3, c3=5) \"quoted\""),
            new Finding("source.duplicates", Severity.WARN, null, "повторы в источнике"));

    @Test
    void theInjuriesJsonWithFindingsIsByteForByteAsBefore() {
        RenderedForm form = Fixtures.render(Fixtures.injuries(), FINDINGS, 1, Action.NEW, Fixtures.GENERATED_AT);
        assertGolden("2-OZh_2025-06_V0001_N.json", form.json().content());
    }

    @Test
    void theInspectionsJsonWithDecimalsAndUnitsIsByteForByteAsBefore() {
        RenderedForm form = Fixtures.render(Fixtures.inspections(), List.of(), 3, Action.REPLACEMENT, Fixtures.GENERATED_AT);
        assertGolden("1-MEIZhM_2025-06_V0003_R.json", form.json().content());
    }

    @Test
    void anUnsignedManifestIsByteForByteAsBefore() {
        RenderedForm form = Fixtures.render(Fixtures.injuries(), FINDINGS, 1, Action.NEW, Fixtures.GENERATED_AT);
        assertGolden("2-OZh_2025-06_V0001_N.manifest.json", form.manifestFile().content());
    }

    @Test
    void aSignedManifestIsByteForByteAsBefore() {
        RenderedForm form = Fixtures.render(Fixtures.inspections(), List.of(), 3, Action.REPLACEMENT, Fixtures.GENERATED_AT)
                .signed(RenderingTest.SIGNER);
        assertGolden("1-MEIZhM_2025-06_V0003_R.manifest.json", form.manifestFile().content());
    }

    @Test
    void aStoredManifestReadsBackAndWritesTheSameBytes() {
        byte[] stored = golden("1-MEIZhM_2025-06_V0003_R.manifest.json");
        Manifest manifest = Manifest.parse(stored);
        assertEquals(4, manifest.files().size());
        assertArrayEquals(stored, manifest.toJson());
    }

    private static void assertGolden(String name, byte[] actual) {
        String target = System.getProperty("golden.write");
        if (target != null) {
            try {
                Files.createDirectories(Path.of(target));
                Files.write(Path.of(target, name), actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byte[] expected = golden(name);
        // text first, so a difference shows where; then the bytes themselves
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), name);
        assertArrayEquals(expected, actual, name);
    }

    private static byte[] golden(String name) {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden file golden/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
