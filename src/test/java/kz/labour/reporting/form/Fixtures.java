package kz.labour.reporting.form;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Small hand-made forms for the rendering tests. */
public final class Fixtures {

    public static final Labels LABELS = Labels.load();
    public static final RegionCatalogue REGIONS = RegionCatalogue.load();
    public static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    public static final YearMonth JUNE_2025 = YearMonth.of(2025, 6);
    /** 06:00 on 1 July 2025 in Almaty, given in UTC so the tests see the conversion. */
    public static final OffsetDateTime AS_OF = OffsetDateTime.of(2025, 7, 1, 1, 0, 0, 0, ZoneOffset.UTC);
    public static final OffsetDateTime GENERATED_AT = OffsetDateTime.of(2025, 7, 1, 1, 0, 2, 345_000_000, ZoneOffset.UTC);
    public static final Organisation ORG = new Organisation("130940021536", "Мемлекеттік еңбек инспекциясы комитеті",
            "Астана қ., Мәңгілік Ел даңғылы, 8", "+7 7172 74 00 00", "stat@enbek.gov.kz", "Сейітова А. Б.", "Омаров Н. К.");

    /** The 20 region codes in form order, written out so the tests do not read them from the catalogue. */
    public static final List<String> REGION_KATO = List.of(
            "100000000", "110000000", "150000000", "190000000", "230000000", "270000000", "310000000",
            "330000000", "350000000", "390000000", "430000000", "470000000", "550000000", "590000000",
            "610000000", "620000000", "630000000", "710000000", "750000000", "790000000");

    private Fixtures() {
    }

    /**
     * 2-ӨЖ, June 2025: Karaganda 3 accidents (1 group) with 5 victims (3 in the group; 3 light, 1 severe,
     * 1 fatal); East Kazakhstan 2 accidents, 2 victims (1 light, 1 fatal). Total 5, 1, 7, 3, 4, 1, 2.
     */
    public static FormTable injuries() {
        return injuries(AS_OF, 3);
    }

    /** The same, with Karaganda's accident count (column 2) and the cut-off given. */
    public static FormTable injuries(OffsetDateTime asOf, int karagandaAccidents) {
        Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
        byPrefix.put("35", values(2, karagandaAccidents, 3, 1, 4, 5, 5, 3, 6, 3, 7, 1, 8, 1));
        byPrefix.put("63", values(2, 2, 3, 0, 4, 2, 5, 0, 6, 1, 7, 0, 8, 1));
        return FormTable.assemble(LABELS.form(FormId.OZH), REGIONS, LABELS.totalRow(), JUNE_2025, Accumulation.MONTH,
                asOf, byPrefix);
    }

    /**
     * 1-МЕИЖМ, June 2025: Karaganda 40 inspections, fines 12 350 tenge (12.35 thousand, printed 12.4);
     * Almaty city 30 inspections, fines 3.2 thousand. Every other column of both is 1; other regions zero.
     */
    public static FormTable inspections() {
        Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
        Map<Integer, BigDecimal> karaganda = ones();
        karaganda.put(2, BigDecimal.valueOf(40));
        karaganda.put(9, new BigDecimal("12.35"));
        Map<Integer, BigDecimal> almaty = ones();
        almaty.put(2, BigDecimal.valueOf(30));
        almaty.put(9, new BigDecimal("3.2"));
        byPrefix.put("35", karaganda);
        byPrefix.put("75", almaty);
        return FormTable.assemble(LABELS.form(FormId.MEIZHM), REGIONS, LABELS.totalRow(), JUNE_2025, Accumulation.MONTH,
                AS_OF, byPrefix);
    }

    public static RenderedForm render(FormTable table, List<Finding> findings, int version, Action action, OffsetDateTime generatedAt) {
        return Rendering.render(table, findings, LABELS, ORG, version, action, generatedAt, ALMATY);
    }

    public static RenderedForm render(FormTable table) {
        return render(table, List.of(), 1, Action.NEW, GENERATED_AT);
    }

    /** A JSON object's field names in the order written. */
    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** SHA-256 hex computed here, independently of the class under test. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** values(2, 3, 3, 1) is {2=3, 3=1}. */
    private static Map<Integer, BigDecimal> values(int... columnThenValue) {
        Map<Integer, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < columnThenValue.length; i += 2) {
            values.put(columnThenValue[i], BigDecimal.valueOf(columnThenValue[i + 1]));
        }
        return values;
    }

    private static Map<Integer, BigDecimal> ones() {
        Map<Integer, BigDecimal> values = new LinkedHashMap<>();
        for (int column = 2; column <= 17; column++) {
            values.put(column, BigDecimal.ONE);
        }
        return values;
    }
}
