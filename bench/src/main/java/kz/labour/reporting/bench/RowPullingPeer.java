package kz.labour.reporting.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The peer the project's design rules out: a chunk-oriented batch job that selects the period's rows
 * into the JVM and counts them there. Two variants: with {@code wholeRows} each reader selects the
 * period's rows whole (every column of the contract relation, as an ItemReader mapping each row to
 * an entity does), otherwise only the columns the counting needs ("lean": as fast as such a job
 * honestly gets, since those columns are all in the covering indexes). Either way it selects by the
 * same date predicates (so it uses the same indexes), streams them
 * with a fetch size inside a transaction (a server-side cursor, constant memory), maps each row to an
 * item as a RowMapper would, and groups the items by region in a HashMap. It computes the same
 * numbers as the form's aggregation and the same source checks (the in-period checks on the rows it
 * pulls, repeated ids with a set per date column; the rows without a date or recorded_at and the
 * victims without an accident by queries of their own), so the benchmark can verify all three
 * variants agree.
 */
final class RowPullingPeer {

    static final int FETCH_SIZE = 10_000;

    /** One pulled row: what a RowMapper would make of it. */
    record Item(long id, String regionKato, String text, BigDecimal amount, Integer count, String text2) {
    }

    /** What the peer computed: the form's numbers by region, and the source problems by relation and problem. */
    record Result(Map<String, Map<String, BigDecimal>> byRegion, Map<String, Set<Long>> problems, long rowsPulled,
                  long entityDigest) {
    }

    private final Connection connection;
    private final Set<String> regions;
    private final boolean wholeRows;
    private long pulled;
    private long entityDigest;

    /** {@code connection} is used with auto-commit off, so the driver streams through a cursor. */
    RowPullingPeer(Connection connection, Set<String> regions, boolean wholeRows) {
        this.connection = connection;
        this.regions = regions;
        this.wholeRows = wholeRows;
    }

    Result meizhm(LocalDate from, LocalDate until, OffsetDateTime asOf, OffsetDateTime windowStart) throws SQLException {
        pulled = 0;
        entityDigest = 0;
        Map<String, long[]> counts = new HashMap<>();
        Map<String, BigDecimal> fineSums = new HashMap<>();
        Map<String, Set<Long>> problems = new TreeMap<>();
        String[][] simple = {
                // relation, table, date column, column (2..17) it counts toward
                {"violation", "violation", "detected_on", "5"},
                {"violation", "violation", "eliminated_on", "6"},
                {"prescription", "prescription", "issued_on", "7"},
                {"accident_investigation", "accident_investigation", "completed_on", "14"},
                {"law_enforcement_referral", "law_enforcement_referral", "sent_on", "15"},
                {"criminal_case", "criminal_case", "opened_on", "16"},
                {"prosecuted_person", "prosecuted_person", "charged_on", "17"},
        };
        Set<Long> seen = new HashSet<>();
        pull("SELECT id, region_kato, kind, NULL::numeric, NULL::int, subject_kind FROM inspection", "completed_on", from, until, asOf, item -> {
            long[] c = region(counts, "inspection", item, problems);
            once(seen, "inspection", item, problems);
            c[2]++;
            if ("PREVENTIVE_CONTROL".equals(item.text())) {
                c[3]++;
            } else if ("UNSCHEDULED".equals(item.text())) {
                c[4]++;
            } else if (!"OTHER".equals(item.text())) {
                problem(problems, "inspection", "kind", item.id());
            }
            if (!"INDIVIDUAL".equals(item.text2()) && !"LEGAL_ENTITY".equals(item.text2())) {
                problem(problems, "inspection", "subject_kind", item.id());
            }
        });
        for (String[] s : simple) {
            int column = Integer.parseInt(s[3]);
            seen.clear();
            pull("SELECT id, region_kato, NULL::text, NULL::numeric, NULL::int, NULL::text FROM " + s[1], s[2], from, until, asOf,
                    item -> {
                        region(counts, s[0], item, problems)[column]++;
                        once(seen, s[0], item, problems);
                    });
        }
        seen.clear();
        pull("SELECT id, region_kato, NULL::text, amount_kzt, NULL::int, NULL::text FROM fine", "imposed_on", from, until, asOf, item -> {
            long[] c = region(counts, "fine", item, problems);
            once(seen, "fine", item, problems);
            c[8]++;
            if (item.amount() == null || item.amount().signum() < 0) {
                problem(problems, "fine", "negative or missing amount", item.id());
            }
            if (item.amount() != null) {
                fineSums.merge(prefix(item), item.amount(), BigDecimal::add);
            }
        });
        seen.clear();
        pull("SELECT id, region_kato, object_kind, NULL::numeric, NULL::int, NULL::text FROM suspension", "suspended_on", from, until, asOf, item -> {
            long[] c = region(counts, "suspension", item, problems);
            once(seen, "suspension", item, problems);
            switch (String.valueOf(item.text())) {
                case "EQUIPMENT" -> c[10]++;
                case "FACILITY" -> c[11]++;
                case "ORGANIZATION" -> c[12]++;
                default -> problem(problems, "suspension", "object_kind not EQUIPMENT, FACILITY or ORGANIZATION", item.id());
            }
        });
        seen.clear();
        pull("SELECT id, region_kato, NULL::text, NULL::numeric, workers_count, NULL::text FROM worker_removal", "removed_on", from, until, asOf, item -> {
            long[] c = region(counts, "worker_removal", item, problems);
            once(seen, "worker_removal", item, problems);
            if (item.count() == null || item.count() < 1) {
                problem(problems, "worker_removal", "workers_count below 1", item.id());
            }
            if (item.count() != null) {
                c[13] += item.count();
            }
        });
        String[][] dated = {
                {"inspection", "completed_on"}, {"violation", "detected_on"}, {"prescription", "issued_on"},
                {"fine", "imposed_on"}, {"suspension", "suspended_on"}, {"worker_removal", "removed_on"},
                {"accident_investigation", "completed_on"}, {"law_enforcement_referral", "sent_on"},
                {"criminal_case", "opened_on"}, {"prosecuted_person", "charged_on"}};
        for (String[] d : dated) {
            undated(d[0], d[1], windowStart, asOf, problems);
            unrecorded(d[0], d[1], from, until, problems);
        }
        unrecorded("violation", "eliminated_on", from, until, problems);
        Map<String, Map<String, BigDecimal>> result = new TreeMap<>();
        counts.forEach((region, c) -> {
            Map<String, BigDecimal> values = new TreeMap<>();
            for (int i = 2; i <= 17; i++) {
                values.put("c" + i, Cells.canon(BigDecimal.valueOf(c[i])));
            }
            values.put("c9", Cells.canon(fineSums.getOrDefault(region, BigDecimal.ZERO)
                    .divide(BigDecimal.valueOf(1000)).setScale(1, RoundingMode.HALF_UP)));
            result.put(region, values);
        });
        return new Result(result, problems, pulled, entityDigest);
    }

    Result ozh(LocalDate from, LocalDate until, OffsetDateTime asOf, OffsetDateTime windowStart) throws SQLException {
        pulled = 0;
        entityDigest = 0;
        Map<String, Set<Long>> problems = new TreeMap<>();
        // accident id -> {victims, light+moderate, severe, fatal}; region by accident id
        Map<Long, int[]> accidents = new HashMap<>();
        Map<Long, String> regionOf = new HashMap<>();
        pull("SELECT id, region_kato, NULL::text, NULL::numeric, NULL::int, NULL::text FROM accident", "occurred_on", from, until, asOf, item -> {
            checkRegion("accident", item, problems);
            if (accidents.put(item.id(), new int[4]) != null) {
                problem(problems, "accident", "duplicate id", item.id());
            }
            regionOf.put(item.id(), prefix(item));
        });
        Set<Long> victims = new HashSet<>();
        // The period's victims: those of the period's accidents, recorded by the cut-off.
        pull("SELECT v.id, NULL::text, v.severity, NULL::numeric, NULL::int, NULL::text, v.accident_id" + (wholeRows ? ", v.*" : "")
                        + " FROM accident_victim v"
                        + " JOIN accident a ON a.id = v.accident_id"
                        + " WHERE a.occurred_on >= ? AND a.occurred_on < ? AND a.recorded_at <= ? AND v.recorded_at <= ?",
                ps -> {
                    ps.setObject(1, from);
                    ps.setObject(2, until);
                    ps.setObject(3, asOf);
                    ps.setObject(4, asOf);
                }, (rs, item) -> {
                    int[] a = accidents.get(rs.getLong(7));
                    a[0]++;
                    once(victims, "accident_victim", item, problems);
                    String severity = item.text();
                    if ("LIGHT".equals(severity) || "MODERATE".equals(severity)) {
                        a[1]++;
                    } else if ("SEVERE".equals(severity)) {
                        a[2]++;
                    } else if ("FATAL".equals(severity)) {
                        a[3]++;
                    } else {
                        problem(problems, "accident_victim", "victim without severity", item.id());
                    }
                });
        Map<String, long[]> counts = new HashMap<>();
        accidents.forEach((id, a) -> {
            if (a[0] == 0) {
                problem(problems, "accident", "accident without victims", id);
            }
            long[] c = counts.computeIfAbsent(regionOf.get(id), k -> new long[9]);
            c[2]++;
            if (a[0] >= 2) {
                c[3]++;
                c[5] += a[0];
            }
            c[4] += a[0];
            c[6] += a[1];
            c[7] += a[2];
            c[8] += a[3];
        });
        undated("accident", "occurred_on", windowStart, asOf, problems);
        unrecorded("accident", "occurred_on", from, until, problems);
        // Victims without recorded_at, and victims recorded in the period whose accident does not
        // exist, by queries of their own (as the undated rows).
        pull("SELECT v.id, NULL::text, NULL::text, NULL::numeric, NULL::int, NULL::text FROM accident_victim v"
                        + " JOIN accident a ON a.id = v.accident_id"
                        + " WHERE a.occurred_on >= ? AND a.occurred_on < ? AND a.recorded_at <= ? AND v.recorded_at IS NULL",
                ps -> {
                    ps.setObject(1, from);
                    ps.setObject(2, until);
                    ps.setObject(3, asOf);
                }, (rs, item) -> problem(problems, "accident_victim", "recorded_at missing", item.id()));
        pull("SELECT v.id, NULL::text, NULL::text, NULL::numeric, NULL::int, NULL::text FROM accident_victim v"
                        + " WHERE v.recorded_at >= ? AND v.recorded_at <= ?"
                        + " AND NOT EXISTS (SELECT 1 FROM accident a WHERE a.id = v.accident_id OFFSET 0)",
                ps -> {
                    ps.setObject(1, windowStart);
                    ps.setObject(2, asOf);
                }, (rs, item) -> problem(problems, "accident_victim", "accident missing", item.id()));
        Map<String, Map<String, BigDecimal>> result = new TreeMap<>();
        counts.forEach((region, c) -> {
            Map<String, BigDecimal> values = new TreeMap<>();
            for (int i = 2; i <= 8; i++) {
                values.put("c" + i, Cells.canon(BigDecimal.valueOf(c[i])));
            }
            result.put(region, values);
        });
        return new Result(result, problems, pulled, entityDigest);
    }

    private long[] region(Map<String, long[]> counts, String relation, Item item, Map<String, Set<Long>> problems) {
        checkRegion(relation, item, problems);
        return counts.computeIfAbsent(prefix(item), k -> new long[18]);
    }

    private void checkRegion(String relation, Item item, Map<String, Set<Long>> problems) {
        String kato = item.regionKato();
        if (kato == null || kato.length() != 9 || !kato.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || !regions.contains(kato.substring(0, 2))) {
            problem(problems, relation, "region code with no matching region", item.id());
        }
    }

    private static String prefix(Item item) {
        String kato = item.regionKato();
        return kato == null ? null : kato.substring(0, Math.min(2, kato.length()));
    }

    private static void problem(Map<String, Set<Long>> problems, String relation, String problem, long id) {
        problems.computeIfAbsent(relation + ": " + problem, k -> new TreeSet<>()).add(id);
    }

    /** A second row with the same id in one date column's rows would be counted twice. */
    private static void once(Set<Long> seen, String relation, Item item, Map<String, Set<Long>> problems) {
        if (!seen.add(item.id())) {
            problem(problems, relation, "duplicate id", item.id());
        }
    }

    private void unrecorded(String table, String dateColumn, LocalDate from, LocalDate until,
                            Map<String, Set<Long>> problems) throws SQLException {
        pull(whole("SELECT id, NULL::text, NULL::text, NULL::numeric, NULL::int, NULL::text FROM " + table) + " WHERE "
                        + dateColumn + " >= ? AND " + dateColumn + " < ? AND recorded_at IS NULL",
                ps -> {
                    ps.setObject(1, from);
                    ps.setObject(2, until);
                }, (rs, item) -> problem(problems, table, "recorded_at missing", item.id()));
    }

    private void undated(String table, String dateColumn, OffsetDateTime windowStart, OffsetDateTime asOf,
                         Map<String, Set<Long>> problems) throws SQLException {
        pull(whole("SELECT id, NULL::text, NULL::text, NULL::numeric, NULL::int, NULL::text FROM " + table) + " WHERE " + dateColumn
                        + " IS NULL AND recorded_at >= ? AND recorded_at <= ?",
                ps -> {
                    ps.setObject(1, windowStart);
                    ps.setObject(2, asOf);
                }, (rs, item) -> problem(problems, table, "null date", item.id()));
    }

    private void pull(String select, String dateColumn, LocalDate from, LocalDate until, OffsetDateTime asOf,
                      Consumer<Item> writer) throws SQLException {
        pull(whole(select) + " WHERE " + dateColumn + " >= ? AND " + dateColumn + " < ? AND recorded_at <= ?", ps -> {
            ps.setObject(1, from);
            ps.setObject(2, until);
            ps.setObject(3, asOf);
        }, (rs, item) -> writer.accept(item));
    }

    /** With whole rows, {@code SELECT cols FROM t} also selects {@code t.*}: the entity the item is mapped from. */
    private String whole(String select) {
        if (!wholeRows) {
            return select;
        }
        int from = select.lastIndexOf(" FROM ");
        String table = select.substring(from + 6).trim();
        return select.substring(0, from) + ", " + table + ".*" + select.substring(from);
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowWriter {
        void write(ResultSet rs, Item item) throws SQLException;
    }

    /** Streams the rows of one reader query through a cursor, FETCH_SIZE rows at a time. */
    private void pull(String sql, Binder binder, RowWriter writer) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                int first = sql.contains("v.accident_id") ? 8 : 7;
                while (rs.next()) {
                    if (wholeRows) {
                        // The entity a RowMapper would fill: every column decoded into its Java type.
                        Object[] entity = new Object[columns - first + 1];
                        for (int c = first; c <= columns; c++) {
                            entity[c - first] = rs.getObject(c);
                        }
                        entityDigest += java.util.Arrays.hashCode(entity);
                    }
                    BigDecimal amount = rs.getBigDecimal(4);
                    int count = rs.getInt(5);
                    Integer n = rs.wasNull() ? null : count;
                    writer.write(rs, new Item(rs.getLong(1), rs.getString(2), rs.getString(3), amount, n, rs.getString(6)));
                    pulled++;
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static Set<String> regionSet(String prefixList) {
        return Set.copyOf(List.of(prefixList.split(",")));
    }
}
