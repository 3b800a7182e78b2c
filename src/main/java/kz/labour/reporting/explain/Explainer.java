package kz.labour.reporting.explain;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Region;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.source.SourceQueries;

/**
 * {@code explain}: the source rows behind one cell of a form, read from the source with the form's
 * own rows fragment (so they add up to the cell the form prints), at a cut-off: now, an
 * {@code --as-of} as for transmit, or the one a recorded version was built with. Read-only, like
 * every source session; nothing is recorded.
 */
@Component
public class Explainer {

    /** What is asked: the raw arguments of {@code explain} (or of the MBean operation); null when absent. */
    public record Query(String period, String form, String cell, String asOf, String version) {
    }

    /** The cut-off and accumulation a cell is explained at, and the version they come from (or null). */
    record CutOff(OffsetDateTime asOf, Accumulation accumulation, String version, String status) {
    }

    private final SourceQueries source;
    private final Ledger ledger;
    private final ReportingSettings settings;
    private final Labels labels;
    private final RegionCatalogue regions;
    private final Clock clock;

    public Explainer(SourceQueries source, Ledger ledger,
                     ReportingSettings settings, Labels labels, RegionCatalogue regions, Clock clock) {
        this.source = source;
        this.ledger = ledger;
        this.settings = settings;
        this.labels = labels;
        this.regions = regions;
        this.clock = clock;
    }

    public Explanation explain(Query q) {
        Instant now = clock.instant();
        ZoneId zone = settings.zoneId();
        if (q.form() == null || q.form().isBlank()) {
            throw new BadInputException("--form", "missing; explain takes one form: " + FormId.MEIZHM.ascii() + " or "
                    + FormId.OZH.ascii());
        }
        FormDefinition form = labels.form(FormId.parse(q.form()));
        List<YearMonth> months = settings.periods().parse(q.period(), now);
        if (months.size() != 1) {
            throw new BadInputException("--period", "'" + q.period() + "' is a range; explain takes one month, YYYY-MM");
        }
        YearMonth period = months.get(0);
        CellRef cell = CellRef.parse(q.cell(), form, regions);
        CutOff cutOff = cutOff(form.id(), period, q.asOf(), q.version(), now, zone);

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from", cutOff.accumulation().from(period));
        parameters.put("until", cutOff.accumulation().until(period));
        parameters.put("as_of", cutOff.asOf());
        parameters.put("zone", zone.getId());
        parameters.put("column", cell.column());
        parameters.put("region", cell.prefix());

        if (cell.total()) {
            return total(form, period, cutOff, cell, parameters);
        }
        List<Explanation.Row> rows = read(() -> source.explainRows(form.id(), parameters, (rs, i) -> {
            long accident = rs.getLong("accident_id");
            Long accidentId = rs.wasNull() ? null : accident;
            return new Explanation.Row(rs.getString("relation"), rs.getLong("id"), accidentId,
                    rs.getObject("day", LocalDate.class), rs.getString("region_kato"),
                    time(rs.getObject("recorded_at", OffsetDateTime.class), zone), rs.getBigDecimal("contribution"));
        }));
        BigDecimal sum = rows.stream().map(Explanation.Row::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
        Region region = regions.byPrefix(cell.prefix());
        return new Explanation(form, period, cutOff.accumulation(), cutOff.asOf(), cutOff.version(), cutOff.status(), cell,
                region.kk(), Cells.value(form, cell.column(), sum), rows, List.of(), sum, List.of());
    }

    /** The total row: each region's value as the form prints it; the cell is their sum. */
    private Explanation total(FormDefinition form, YearMonth period, CutOff cutOff, CellRef cell, Map<String, Object> parameters) {
        Map<String, BigDecimal> byPrefix = new LinkedHashMap<>();
        for (Map<String, Object> r : read(() -> source.explainRegions(form.id(), parameters))) {
            byPrefix.put(String.valueOf(r.get("region")), decimal(r.get("contribution")));
        }
        List<Explanation.RegionValue> values = new ArrayList<>();
        BigDecimal total = Cells.value(form, cell.column(), BigDecimal.ZERO);
        for (Region region : regions.regions()) {
            BigDecimal value = Cells.value(form, cell.column(), byPrefix.getOrDefault(region.prefix(), BigDecimal.ZERO));
            values.add(new Explanation.RegionValue(region.kato(), region.kk(), value));
            total = total.add(value);
        }
        List<String> foreign = byPrefix.keySet().stream().filter(p -> regions.byPrefix(p) == null)
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        return new Explanation(form, period, cutOff.accumulation(), cutOff.asOf(), cutOff.version(), cutOff.status(), cell,
                labels.totalRow().kk(), total, List.of(), values, total, foreign);
    }

    private CutOff cutOff(FormId form, YearMonth period, String asOf, String version, Instant now, ZoneId zone) {
        boolean hasAsOf = asOf != null && !asOf.isBlank();
        boolean hasVersion = version != null && !version.isBlank();
        if (hasAsOf && hasVersion) {
            throw new BadInputException("--version", "--as-of and --version exclude each other: a version has its own cut-off");
        }
        if (hasVersion) {
            return versionCutOff(form, period, versionNumber(version));
        }
        return new CutOff(settings.periods().asOf(hasAsOf ? asOf : null, now), settings.accumulationMode(), null, null);
    }

    /**
     * The cut-off and accumulation a recorded version of the form for the period was built with,
     * from the ledger: explaining it shows what that version held.
     */
    CutOff versionCutOff(FormId form, YearMonth period, int version) {
        List<Transmission> history = ledger.history(form, period);
        Transmission t = history.stream().filter(h -> h.version().number() == version).findFirst()
                .orElseThrow(() -> new BadInputException("--version", form.ascii() + " " + period + " has no "
                        + label(version) + "; recorded: " + (history.isEmpty() ? "none"
                        : history.stream().map(h -> h.version().label()).collect(Collectors.joining(", ")))));
        return new CutOff(t.asOf().atZoneSameInstant(settings.zoneId()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS),
                t.accumulation(), t.version().label(), t.status().name());
    }

    /** "V0001", "v1" or "1" as a version number. */
    public static int versionNumber(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("V?\\d{1,4}")) {
            int n = Integer.parseInt(t.startsWith("V") ? t.substring(1) : t);
            if (n >= 1) {
                return n;
            }
        }
        throw new BadInputException("--version", "'" + text + "' is not a version; accepted: VNNNN, e.g. V0001");
    }

    private static String label(int version) {
        return kz.labour.reporting.form.Version.of(version).label();
    }

    private interface Read<T> {
        List<T> rows() throws SQLException;
    }

    private static <T> List<T> read(Read<T> read) {
        try {
            return read.rows();
        } catch (SQLException e) {
            throw new IllegalStateException("explain could not read the source: " + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static OffsetDateTime time(Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        Instant instant = value instanceof java.sql.Timestamp ts ? ts.toInstant()
                : value instanceof OffsetDateTime o ? o.toInstant() : OffsetDateTime.parse(value.toString()).toInstant();
        return instant.atZone(zone).toOffsetDateTime();
    }
}
