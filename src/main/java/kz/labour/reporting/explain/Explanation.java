package kz.labour.reporting.explain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.Formats;

/**
 * One cell traced to its source rows: what {@code explain} prints, as a table for people or as the
 * JSON of docs/interfaces.md. For a region's cell, {@code rows} are the source rows the form counts there
 * and {@code sum} their contributions (tenge for 1-МЕИЖМ column 9); for the total row, {@code rows}
 * is empty and {@code regions} holds the 20 region values, whose sum is the cell.
 *
 * @param version     "V0001" when a delivered version was explained, else null
 * @param regionName  the row's name as printed (Kazakh)
 * @param foreign     prefixes of source codes that name no region (rows no cell of the form shows)
 */
public record Explanation(FormDefinition form, YearMonth period, Accumulation accumulation, OffsetDateTime asOf,
                          String version, String versionStatus, CellRef cell, String regionName, BigDecimal value,
                          List<Row> rows, List<RegionValue> regions, BigDecimal sum, List<String> foreign) {

    /** A source row and what it contributes to the cell. {@code accidentId} only for a victim. */
    public record Row(String relation, long id, Long accidentId, LocalDate date, String regionKato,
                      OffsetDateTime recordedAt, BigDecimal contribution) {
    }

    /** A region's value of the column, as the form prints it. */
    public record RegionValue(String kato, String name, BigDecimal value) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final ObjectMapper JSON = Formats.mapper();
    private static final ObjectWriter PRINTER = JSON.writer().with(SerializationFeature.INDENT_OUTPUT);

    public Explanation {
        rows = List.copyOf(rows);
        regions = List.copyOf(regions);
        foreign = List.copyOf(foreign);
    }

    public ColumnDef column() {
        return form.column(cell.column());
    }

    /** The JSON of docs/interfaces.md ("explain"), one object. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("form", form.id().ascii());
        root.put("period", period.toString());
        root.put("accumulation", accumulation.name());
        root.put("asOf", TIME.format(asOf));
        root.put("version", version);
        ObjectNode c = root.putObject("cell");
        c.put("kato", cell.kato());
        c.put("column", cell.column());
        c.put("value", value);
        ArrayNode list = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("relation", r.relation());
            o.put("id", r.id());
            if (r.accidentId() != null) {
                o.put("accidentId", r.accidentId());
            }
            o.put("date", r.date() == null ? null : r.date().toString());
            o.put("regionKato", r.regionKato());
            o.put("recordedAt", r.recordedAt() == null ? null : TIME.format(r.recordedAt()));
            o.put("contribution", r.contribution());
        }
        if (cell.total()) {
            ArrayNode byRegion = root.putArray("regions");
            for (RegionValue r : regions) {
                byRegion.addObject().put("kato", r.kato()).put("value", r.value());
            }
        }
        root.put("sum", sum);
        try {
            return PRINTER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table for people: what was explained, the rows (or the regions) and the sum, which is the cell. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(form.id().index()).append(" (").append(form.id().ascii()).append(") ").append(period).append(", ")
                .append(accumulation).append(", as of ").append(TIME.format(asOf));
        if (version != null) {
            out.append(", as ").append(version).append(" (").append(versionStatus).append(") held it");
        }
        out.append('\n');
        out.append("cell: row ").append(cell.kato()).append(' ').append(regionName).append(", column ").append(cell.column())
                .append(" «").append(column().kk()).append("» = ").append(value.toPlainString()).append("\n\n");
        if (cell.total()) {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {"REGION CODE", "REGION", "VALUE"});
            regions.forEach(r -> lines.add(new String[] {r.kato(), r.name(), r.value().toPlainString()}));
            appendAligned(out, lines, 2);
            out.append("sum of the ").append(regions.size()).append(" regions as printed: ").append(sum.toPlainString())
                    .append(" = the cell\n");
        } else {
            boolean victims = rows.stream().anyMatch(r -> r.accidentId() != null);
            List<String[]> lines = new ArrayList<>();
            lines.add(victims
                    ? new String[] {"RELATION", "ID", "ACCIDENT", "DATE", "REGION CODE", "RECORDED AT", "CONTRIBUTION"}
                    : new String[] {"RELATION", "ID", "DATE", "REGION CODE", "RECORDED AT", "CONTRIBUTION"});
            for (Row r : rows) {
                String date = r.date() == null ? "" : r.date().toString();
                String recorded = r.recordedAt() == null ? "" : TIME.format(r.recordedAt());
                lines.add(victims
                        ? new String[] {r.relation(), String.valueOf(r.id()), r.accidentId() == null ? "" : r.accidentId().toString(),
                                        date, r.regionKato(), recorded, r.contribution().toPlainString()}
                        : new String[] {r.relation(), String.valueOf(r.id()), date, r.regionKato(), recorded,
                                        r.contribution().toPlainString()});
            }
            appendAligned(out, lines, victims ? 6 : 5);
            if (rows.isEmpty()) {
                out.append("(no source row counts in this cell)\n");
            }
            out.append("sum: ").append(sum.toPlainString());
            if (Cells.inThousands(form.id(), cell.column())) {
                out.append(" tenge = ").append(Cells.thousands(sum).toPlainString()).append(" thousand tenge, rounded half up to ")
                        .append(value.toPlainString());
            }
            out.append(" = the cell\n");
        }
        if (!foreign.isEmpty()) {
            out.append("note: source rows with region codes starting ").append(String.join(", ", foreign))
                    .append(" match no region and count in no cell; transmit refuses the period until they are corrected\n");
        }
        return out.toString();
    }

    /** Columns padded to their widest entry; {@code rightFrom} and after are right-aligned (numbers). */
    private static void appendAligned(StringBuilder out, List<String[]> lines, int rightFrom) {
        int[] width = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].codePointCount(0, line[i].length()));
            }
        }
        for (String[] line : lines) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String pad = " ".repeat(width[i] - line[i].codePointCount(0, line[i].length()));
                l.append(i == 0 ? "" : "  ").append(i >= rightFrom ? pad + line[i] : line[i] + pad);
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
    }
}
