package kz.labour.reporting.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every label the bureau reads, in Kazakh and Russian, from {@code data/labels.json}: the forms'
 * names and columns, the header and footer captions, the total row, month names.
 */
public final class Labels {

    public static final String RESOURCE = "/data/labels.json";

    private final JsonNode root;
    private final Map<FormId, FormDefinition> forms = new EnumMap<>(FormId.class);

    private Labels(JsonNode root) {
        this.root = root;
        for (FormId id : FormId.values()) {
            JsonNode form = root.path("forms").path(id.ascii());
            if (form.isMissingNode()) {
                throw new IllegalStateException(RESOURCE + " has no form " + id.ascii());
            }
            if (!id.index().equals(form.path("index").asText())) {
                throw new IllegalStateException(RESOURCE + ": form " + id.ascii() + " has index "
                        + form.path("index").asText() + ", expected " + id.index());
            }
            List<ColumnDef> columns = new ArrayList<>();
            int expected = 1;
            for (JsonNode c : form.path("columns")) {
                int number = c.path("number").asInt();
                if (number != expected++) {
                    throw new IllegalStateException(RESOURCE + ": " + id.ascii() + " columns must be numbered 1, 2, … in order");
                }
                columns.add(new ColumnDef(number, c.path("code").asText(), c.path("kk").asText(), c.path("ru").asText(),
                        c.path("unit").asText(""), c.path("scale").asInt(0)));
            }
            forms.put(id, new FormDefinition(id, form.path("kk").asText(), form.path("ru").asText(), columns));
        }
    }

    public static Labels load() {
        try (InputStream in = Labels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new Labels(Formats.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FormDefinition form(FormId id) {
        return forms.get(id);
    }

    public Region totalRow() {
        JsonNode t = root.path("total");
        return new Region(t.path("kato").asText(), t.path("kk").asText(), t.path("ru").asText());
    }

    /** "2025 жылғы маусым" (lang kk) or "июнь 2025 года" (ru); year-to-date wording when asked. */
    public String period(YearMonth month, Accumulation accumulation, String lang) {
        String pattern = root.path(accumulation == Accumulation.YEAR_TO_DATE ? "yearToDatePattern" : "periodPattern")
                .path(lang).asText();
        String monthName = root.path("months").path(lang).path(month.getMonthValue() - 1).asText();
        return pattern.replace("{year}", Integer.toString(month.getYear())).replace("{month}", monthName);
    }

    /** "«01» шілде 2025 ж." (kk) or "«01» июля 2025 г." (ru): a date as a signed paper form gives it. */
    public String date(LocalDate date, String lang) {
        String month = leaf(root.path("monthsInDates").path(lang).path(date.getMonthValue() - 1),
                "monthsInDates." + lang + "[" + (date.getMonthValue() - 1) + "]");
        return text("footer", "dateFormat", lang).replace("{day}", String.format(Locale.ROOT, "%02d", date.getDayOfMonth()))
                .replace("{month}", month).replace("{year}", Integer.toString(date.getYear()));
    }

    /** The number of the order's annex that sets out the form: "1" for 1-МЕИЖМ, "3" for 2-ӨЖ. */
    public String annex(FormId id) {
        return leaf(root.path("forms").path(id.ascii()).path("annex"), "forms." + id.ascii() + ".annex");
    }

    /** The heads drawn over several columns, such as «оның ішінде» over columns 5 to 8 of 2-ӨЖ; often none. */
    public List<ColumnGroup> groups(FormId id) {
        List<ColumnGroup> groups = new ArrayList<>();
        for (JsonNode g : root.path("forms").path(id.ascii()).path("groups")) {
            groups.add(new ColumnGroup(g.path("first").asInt(), g.path("last").asInt(),
                    leaf(g.path("kk"), id.ascii() + " group kk"), leaf(g.path("ru"), id.ascii() + " group ru")));
        }
        return List.copyOf(groups);
    }

    /** A caption of the header or footer block: {@code text("header", "bin", "kk")}. */
    public String text(String block, String field, String key) {
        JsonNode node = root.path(block).path(field).path(key);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException(RESOURCE + " has no " + block + "." + field + "." + key);
        }
        return node.asText();
    }

    /** Accumulation wording: {@code accumulation(YEAR_TO_DATE, "ru")} is "с начала года". */
    public String accumulation(Accumulation accumulation, String lang) {
        // The wording is nested one level deeper than other captions: header.accumulation.MONTH.kk
        return leaf(root.path("header").path("accumulation").path(accumulation.name()).path(lang),
                "header.accumulation." + accumulation.name() + "." + lang);
    }

    /**
     * A column's unit in one language ("адам" / "человек"), or "" for a column without one.
     * Columns name their unit in Kazakh; the {@code units} table gives every language.
     */
    public String unit(ColumnDef column, String lang) {
        if (column.unit().isEmpty()) {
            return "";
        }
        return leaf(root.path("units").path(column.unit()).path(lang), "units." + column.unit() + "." + lang);
    }

    /** A caption of the e-mail to the bureau: {@code mail("intro", "kk")}. */
    public String mail(String field, String lang) {
        return text("mail", field, lang);
    }

    /** The e-mail subject with its placeholders: {@code {index} · {periodKk} / {periodRu} · {version}}. */
    public String mailSubject() {
        return leaf(root.path("mail").path("subject"), "mail.subject");
    }

    /** How the e-mail words an action: N (new) or R (replaces the previous version). */
    public String mailAction(Action action, String lang) {
        return leaf(root.path("mail").path("action").path(String.valueOf(action)).path(lang),
                "mail.action." + action + "." + lang);
    }

    /** How the e-mail words a finding of a control rule, if the rule has wording. */
    public java.util.Optional<String> rule(String ruleId, String lang) {
        JsonNode node = root.path("rules").path(ruleId).path(lang);
        return node.isTextual() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
    }

    private static String leaf(JsonNode node, String name) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(RESOURCE + " has no text at " + name);
        }
        return node.asText();
    }
}
