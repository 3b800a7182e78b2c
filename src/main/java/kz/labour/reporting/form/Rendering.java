package kz.labour.reporting.form;

import kz.labour.reporting.form.print.FormWorkbook;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Turns a built form into the files of one version, unsigned. Pure: same inputs, same JSON and manifest.
 * A configured signing key is applied afterwards ({@link RenderedForm#signed}), which leaves these
 * files and the content hash as they are.
 */
public final class Rendering {

    private Rendering() {
    }

    /**
     * @param findings   the controls' findings, written to the {@code .json}
     * @param version    1..9999
     * @param action     new, or replacing what the bureau may hold
     * @param generatedAt when this version is made (the {@code .json}'s generatedAt, the footer's date)
     * @param zone       the reporting zone every timestamp is printed in
     */
    public static RenderedForm render(FormTable table, List<Finding> findings, Labels labels, Organisation org,
                                      int version, Action action, OffsetDateTime generatedAt, ZoneId zone) {
        return render(table, findings, labels, org, version, action, generatedAt, zone, new RenderedFile[0]);
    }

    /**
     * The same, with the version's validation report as its further documents: the {@code .validation.json}
     * and, after it, the {@code .validation.html}.
     *
     * @param validationReport none, the {@code .validation.json}, or it and the {@code .validation.html}
     */
    public static RenderedForm render(FormTable table, List<Finding> findings, Labels labels, Organisation org,
                                      int version, Action action, OffsetDateTime generatedAt, ZoneId zone,
                                      RenderedFile... validationReport) {
        FileNames names = FileNames.of(table.form(), table.period(), version, action);
        RenderedFile xlsx = RenderedFile.of(names.xlsx(), FormWorkbook.render(table, labels, org, generatedAt, zone));
        RenderedFile json = RenderedFile.of(names.json(), FormJson.render(table, findings, version, action, generatedAt, zone));
        Manifest header = new Manifest(table.form(), table.period(), version, action, Formats.inZone(table.asOf(), zone),
                ContentHash.of(table), false, List.of());
        List<RenderedFile> documents = new java.util.ArrayList<>(List.of(xlsx, json));
        if (validationReport != null) {
            documents.addAll(java.util.Arrays.stream(validationReport).filter(java.util.Objects::nonNull).toList());
        }
        return RenderedForm.unsigned(header, documents);
    }
}
