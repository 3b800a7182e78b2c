package kz.labour.reporting.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormJson;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.quality.ValidationReport;
import kz.labour.reporting.quality.WarnSummary;

/**
 * Writes the e-mail to the bureau for one form and version: subject «2-ӨЖ · 2025 жылғы маусым / июнь
 * 2025 года · V0001», a body in Kazakh then Russian naming the sender (organisation, BIN, executor,
 * phone, e-mail: the ORG_* settings) with the totals row, the WARN findings and the data cut-off, and the
 * {@code .xlsx}, the {@code .json}, the {@code .validation.json} and the {@code .validation.html} as attachments. Numbers are written as the form prints them (a space
 * between thousands, a decimal comma), the cut-off as a local date and time in the reporting zone.
 * Everything it says of the form comes from the version's own {@code .json}, so a resent or resumed
 * version is described exactly as it was built; every caption comes from {@code data/labels.json}.
 */
final class MailComposer {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String JSON = "application/json; charset=UTF-8";
    static final String HTML = "text/html; charset=UTF-8";

    private static final List<String> LANGUAGES = List.of("kk", "ru");
    /** "01.07.2025 06:00:00", then the zone: "(Asia/Almaty, UTC+05:00)". */
    private static final DateTimeFormatter CUT_OFF = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss '('VV', UTC'xxx')'", Locale.ROOT);
    /** The no-break space between thousands (as ru and kk print them), so a number never wraps. */
    static final char THOUSANDS = '\u00a0';

    private final Labels labels;
    private final Organisation org;
    private final ZoneId zone;
    private final RegionCatalogue regions;

    /**
     * @param org  the sender, as the ORG_* settings name it
     * @param zone the reporting zone the cut-off is shown in
     */
    public MailComposer(Labels labels, Organisation org, ZoneId zone, RegionCatalogue regions) {
        this.labels = labels;
        this.regions = regions;
        this.org = org;
        this.zone = zone;
    }

    /**
     * @param findings the version's findings (the controls' when just built, the ledger's for a stored
     *                 version); its WARN findings are listed
     */
    public BureauMail compose(RenderedForm form, List<Finding> findings) {
        FormJson json = read(form);
        List<RenderedFile> attached = form.files().stream()
                .filter(f -> !f.name().equals(form.manifestFile().name()) && !f.name().endsWith(".p7s")).toList();
        String index = json.index();
        YearMonth period = YearMonth.parse(json.period());
        Accumulation accumulation = json.accumulation();
        String version = Version.of(json.version()).label();
        String subject = labels.mailSubject().replace("{index}", index)
                .replace("{periodKk}", labels.period(period, accumulation, "kk"))
                .replace("{periodRu}", labels.period(period, accumulation, "ru")).replace("{version}", version);

        StringBuilder body = new StringBuilder(subject).append("\n");
        for (String lang : LANGUAGES) {
            body.append("\n— ").append(labels.mail("language", lang)).append(" —\n");
            body.append(labels.mail("intro", lang)
                    .replace("{name}", name(form, lang))
                    .replace("{index}", index)
                    .replace("{period}", labels.period(period, accumulation, lang))
                    .replace("{version}", version)
                    .replace("{action}", labels.mailAction(Action.of(json.action()), lang))).append("\n");
            sender(lang, body);
            body.append(labels.text("header", "asOf", lang)).append(": ")
                    .append(cutOff(OffsetDateTime.parse(json.asOf()))).append("\n\n");
            totals(json, lang, body);
            findings(json, form, findings, lang, body);
            body.append(labels.mail("attachments", lang)).append(' ')
                    .append(attached.stream().map(RenderedFile::name).collect(Collectors.joining(", "))).append("\n");
        }
        body.append("\n").append(labels.mail("automatic", "kk")).append(" / ").append(labels.mail("automatic", "ru")).append("\n");

        return new BureauMail(subject, body.toString(),
                attached.stream().map(f -> new BureauMail.Attachment(f.name(), contentType(f.name()), f.content())).toList());
    }

    /** Every file but the manifest goes with the mail (the manifest is for the SFTP directory). */
    static String contentType(String fileName) {
        return fileName.endsWith(".xlsx") ? XLSX : fileName.endsWith(".json") ? JSON
                : fileName.endsWith(".html") ? HTML : "application/octet-stream";
    }

    /** "Жіберуші: …, БСН …" and "Орындаушы: …, тел. …, …": who sends this and whom to ask. */
    private void sender(String lang, StringBuilder body) {
        body.append(labels.mail("sender", lang).replace("{organisation}", text(org.name())).replace("{bin}", text(org.bin())))
                .append("\n");
        body.append(labels.mail("contact", lang).replace("{executor}", text(org.executor())).replace("{phone}", text(org.phone()))
                .replace("{email}", text(org.email()))).append("\n");
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** The cut-off as a local date and time in the reporting zone, with the zone: "01.07.2025 06:00:00 (Asia/Almaty, UTC+05:00)". */
    String cutOff(OffsetDateTime asOf) {
        return CUT_OFF.format(asOf.atZoneSameInstant(zone));
    }

    /** A number as the form prints it: "45 979,6", "1 234", "0,0" (no-break space between thousands, decimal comma, its own scale). */
    static String number(BigDecimal value) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(THOUSANDS);
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('-');
        DecimalFormat format = new DecimalFormat("#,##0", symbols);
        int scale = Math.max(0, value.scale());
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        return format.format(value);
    }

    private String name(RenderedForm form, String lang) {
        var definition = labels.form(form.manifest().form());
        return "kk".equals(lang) ? definition.kk() : definition.ru();
    }

    /** The total row, one line per numeric column: "2. Барлығы жазатайым оқиғалар саны, бірлік: 4". */
    private void totals(FormJson json, String lang, StringBuilder body) {
        FormJson.Row total = json.rows().get(0);
        body.append(labels.mail("totals", lang).replace("{total}", inLanguage(total.kk(), total.ru(), lang))).append("\n");
        for (FormJson.Column column : json.columns()) {
            int number = column.number();
            ColumnDef def = new ColumnDef(number, column.code(), column.kk(), column.ru(),
                    column.unit() == null ? "" : column.unit(), 0);
            String label = inLanguage(column.kk(), column.ru(), lang);
            String unit = labels.unit(def, lang);
            // "label, unit: value", as statistical tables print it; a label naming its unit keeps it once
            body.append("  ").append(number).append(". ").append(label)
                    .append(unit.isEmpty() || label.contains(unit) ? "" : ", " + unit).append(": ")
                    .append(number(total.values().get(number))).append("\n");
        }
        body.append("\n");
    }

    /**
     * The WARN findings, most significant first as the version's validation report ranks them when it
     * has one; else (a version built before the reports) where, what (worded per rule when labels.json
     * has it) and the values, as recorded.
     */
    private void findings(FormJson json, RenderedForm form, List<Finding> findings, String lang, StringBuilder body) {
        String reportName = ValidationReport.fileName(form.names());
        Optional<RenderedFile> report = form.documents().stream().filter(d -> d.name().equals(reportName)).findFirst();
        List<String> lines = report.isPresent()
                ? WarnSummary.lines(report.get().content(), labels, regions, lang).stream().map(line -> "  • " + line).toList()
                : listed(json, findings, lang);
        if (lines.isEmpty()) {
            body.append(labels.mail("noFindings", lang)).append("\n\n");
        } else {
            body.append(labels.mail("findings", lang)).append("\n");
            lines.forEach(line -> body.append(line).append("\n"));
            body.append("\n");
        }
    }

    private List<String> listed(FormJson json, List<Finding> findings, String lang) {
        List<String> lines = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() != Severity.WARN) {
                continue;
            }
            String values = f.values().entrySet().stream().map(e -> e.getKey() + "=" + number(e.getValue()))
                    .collect(Collectors.joining(", "));
            String text = labels.rule(f.rule(), lang).map(worded -> values.isEmpty() ? worded : worded + " (" + values + ")")
                    .orElse(f.message());
            lines.add("  • " + where(json, f, lang) + ": " + text);
        }
        return lines;
    }

    /** A form row as "790000000 город Шымкент" in the mail's language; other places as the finding names them. */
    private static String where(FormJson json, Finding finding, String lang) {
        if (finding.kato() != null) {
            for (FormJson.Row r : json.rows()) {
                if (finding.kato().equals(r.kato())) {
                    return finding.kato() + " " + inLanguage(r.kk(), r.ru(), lang);
                }
            }
        }
        return finding.where();
    }

    private static String inLanguage(String kk, String ru, String lang) {
        return "kk".equals(lang) ? kk : ru;
    }

    private static FormJson read(RenderedForm form) {
        try {
            return FormJson.read(form.json().content());
        } catch (IOException e) {
            throw new UncheckedIOException("the .json of " + form.names().stem() + " cannot be read back", e);
        }
    }
}
