package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.ContentHash;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.ledger.PipelineDatabase;

/**
 * {@link DeliveredHistory} in the pipeline database (tables {@code delivered_form} and
 * {@code delivered_cell}, migration V5). Each call is one statement, so a version is kept whole or
 * not at all.
 */
public class HistoryStore implements DeliveredHistory {

    private final PipelineDatabase database;
    private final ObjectMapper json = Formats.mapper();

    /** One cell as {@code jsonb_to_recordset} reads it. */
    @JsonPropertyOrder({"kato", "col", "value"})
    record Cell(String kato, int col, BigDecimal value) {
    }

    public HistoryStore(PipelineDatabase database) {
        this.database = database;
    }

    @Override
    public void record(FormTable table, int version) {
        String hash = ContentHash.of(table);
        List<Cell> cells = new ArrayList<>();
        for (FormRow row : table.rows()) {
            for (ColumnDef c : table.definition().numericColumns()) {
                cells.add(new Cell(row.kato(), c.number(), row.value(c.number())));
            }
        }
        String form = table.form().ascii();
        String period = table.period().toString();
        Integer inserted = database.jdbc().queryForObject("""
                WITH f AS (
                    INSERT INTO delivered_form (form, period, version, accumulation, as_of, content_hash)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (form, period, version) DO NOTHING
                    RETURNING id
                ), c AS (
                    INSERT INTO delivered_cell (delivered_form_id, kato, col, value)
                    SELECT f.id, c.kato, c.col, c.value
                    FROM f, jsonb_to_recordset(CAST(? AS jsonb)) AS c(kato text, col int, value numeric)
                    RETURNING 1
                )
                SELECT count(*) FROM f
                """, Integer.class, form, period, version, table.accumulation().name(), table.asOf(), hash,
                write(cells));
        if (inserted == null || inserted == 0) {
            String kept = database.jdbc().queryForObject(
                    "SELECT content_hash FROM delivered_form WHERE form = ? AND period = ? AND version = ?",
                    String.class, form, period, version);
            if (!hash.equals(kept)) {
                throw new IllegalStateException(form + " " + period + " V" + String.format("%04d", version)
                        + " is kept in the delivered history with other numbers (hash " + kept + ", now " + hash + ")");
            }
        }
    }

    @Override
    public Map<YearMonth, PeriodFigures> latest(FormId form, Accumulation accumulation, YearMonth from, YearMonth to) {
        record Cell(YearMonth period, int version, OffsetDateTime asOf, String kato, int col, BigDecimal value) {
        }
        var cells = database.jdbc().query("""
                WITH latest AS (
                    SELECT DISTINCT ON (period) id, period, version, as_of
                    FROM delivered_form
                    WHERE form = ? AND accumulation = ? AND period BETWEEN ? AND ?
                    ORDER BY period, version DESC
                )
                SELECT l.period, l.version, l.as_of, c.kato, c.col, c.value
                FROM latest l JOIN delivered_cell c ON c.delivered_form_id = l.id
                ORDER BY l.period, c.kato, c.col
                """, (rs, i) -> new Cell(YearMonth.parse(rs.getString("period")), rs.getInt("version"),
                        rs.getObject("as_of", OffsetDateTime.class), rs.getString("kato"), rs.getInt("col"),
                        rs.getBigDecimal("value")),
                form.ascii(), accumulation.name(), from.toString(), to.toString());
        Map<YearMonth, Map<String, SortedMap<Integer, BigDecimal>>> rows = new TreeMap<>();
        Map<YearMonth, Cell> heads = new LinkedHashMap<>();
        for (Cell c : cells) {
            heads.putIfAbsent(c.period(), c);
            rows.computeIfAbsent(c.period(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(c.kato(), k -> new TreeMap<>()).put(c.col(), c.value());
        }
        Map<YearMonth, PeriodFigures> out = new TreeMap<>();
        heads.forEach((period, head) -> out.put(period, new PeriodFigures(form, period, accumulation, head.asOf(),
                PeriodFigures.Origin.DELIVERED, head.version(), rows.get(period))));
        return out;
    }

    private String write(List<Cell> cells) {
        try {
            return json.writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records in memory always serialise", e);
        }
    }
}
