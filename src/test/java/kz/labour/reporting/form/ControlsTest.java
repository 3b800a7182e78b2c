package kz.labour.reporting.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Every control of docs/forms.md with a passing and a failing case. Values are chosen by hand per rule. */
class ControlsTest {

    static final Labels LABELS = Labels.load();
    static final RegionCatalogue REGIONS = RegionCatalogue.load();
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2025-07-01T06:00:00+05:00");
    static final String KARAGANDA = "350000000";

    /** 1-МЕИЖМ with Karaganda holding the given columns (others zero); a clean baseline otherwise. */
    static FormTable work(int... columnValuePairs) {
        return table(FormId.MEIZHM, columnValuePairs);
    }

    /** 2-ӨЖ with Karaganda holding the given columns. */
    static FormTable injuries(int... columnValuePairs) {
        return table(FormId.OZH, columnValuePairs);
    }

    static FormTable table(FormId form, int... pairs) {
        Map<Integer, BigDecimal> values = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], BigDecimal.valueOf(pairs[i + 1]));
        }
        return FormTable.assemble(LABELS.form(form), REGIONS, LABELS.totalRow(), YearMonth.of(2025, 6),
                Accumulation.MONTH, AS_OF, Map.of("35", values));
    }

    static List<String> rules(FormTable table) {
        return Controls.check(table).stream().map(Finding::rule).toList();
    }

    @Test
    void cleanInspectorsWorkPasses() {
        // 5 inspections of which 2 preventive and 3 unscheduled; 2 fines of 12.4 thousand; 1 case for 1 referral
        assertThat(Controls.check(work(2, 5, 3, 2, 4, 3, 8, 2, 9, 12, 15, 1, 16, 1))).isEmpty();
    }

    @Test
    void preventivePlusUnscheduledAboveInspectionsIsAnError() {
        List<Finding> findings = Controls.check(work(2, 4, 3, 2, 4, 3));
        assertThat(findings).extracting(Finding::rule).containsOnly("c3+c4<=c2");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        // both Karaganda and the total row break it
        assertThat(findings).extracting(Finding::where).containsExactly("row 000000000 Қазақстан Республикасы",
                "row 350000000 Қарағанды облысы");
        assertThat(findings.get(1).message()).contains("c2=4, c3=2, c4=3");
    }

    @Test
    void finesCountWithoutAmountIsAnError() {
        assertThat(rules(work(8, 1, 9, 0))).contains("c8=0<=>c9=0");
    }

    @Test
    void finesAmountWithoutCountIsAnError() {
        assertThat(rules(work(8, 0, 9, 3))).contains("c8=0<=>c9=0");
    }

    @Test
    void moreCriminalCasesThanReferralsIsOnlyAWarning() {
        List<Finding> findings = Controls.check(work(15, 1, 16, 2));
        assertThat(findings).extracting(Finding::rule).containsOnly("c16<=c15");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));
        assertThat(Controls.blocks(findings)).isFalse();
    }

    @Test
    void cleanInjuriesPass() {
        // 3 accidents, 1 group with 3 victims, 2 single: 5 victims = 2 light + 1 severe + 2 fatal
        assertThat(Controls.check(injuries(2, 3, 3, 1, 4, 5, 5, 3, 6, 2, 7, 1, 8, 2))).isEmpty();
    }

    @Test
    void moreGroupAccidentsThanAccidentsIsAnError() {
        assertThat(rules(injuries(2, 1, 3, 2, 4, 5, 5, 4, 6, 5))).contains("c3<=c2");
    }

    @Test
    void moreGroupVictimsThanVictimsIsAnError() {
        assertThat(rules(injuries(2, 1, 3, 1, 4, 2, 5, 3, 6, 2))).contains("c5<=c4");
    }

    @Test
    void severitiesNotAddingUpToVictimsIsAnError() {
        assertThat(rules(injuries(2, 1, 4, 1, 6, 1, 8, 1))).containsOnly("c6+c7+c8=c4");
    }

    @Test
    void groupAccidentWithFewerThanTwoVictimsIsAnError() {
        // 1 group accident, 1 victim in it: c5 = 1 < 2 × c3
        assertThat(rules(injuries(2, 1, 3, 1, 4, 1, 5, 1, 6, 1))).contains("c5>=2*c3");
    }

    @Test
    void singleAccidentWithTwoVictimsIsAnError() {
        // 1 accident, not group, but 2 victims: c4 − c5 = 2 ≠ c2 − c3 = 1
        assertThat(rules(injuries(2, 1, 4, 2, 6, 2))).containsOnly("c4-c5=c2-c3");
    }

    @Test
    void negativeCellIsAnErrorNamingTheCell() {
        List<Finding> findings = Controls.check(work(2, -1));
        assertThat(findings).extracting(Finding::rule).contains("non-negative");
        assertThat(findings).extracting(Finding::where).contains("row 350000000 Қарағанды облысы, column 2");
    }

    @Test
    void totalDifferentFromTheSumOfRegionsIsAnError() {
        FormTable clean = work(2, 5);
        List<FormRow> rows = new ArrayList<>(clean.rows());
        FormRow total = rows.get(0);
        TreeMap<Integer, BigDecimal> wrong = new TreeMap<>(total.values());
        wrong.put(2, BigDecimal.valueOf(6));
        rows.set(0, new FormRow(total.kato(), total.kk(), total.ru(), true, wrong));
        FormTable broken = new FormTable(clean.definition(), clean.period(), clean.accumulation(), clean.asOf(), rows);
        List<Finding> findings = Controls.check(broken);
        assertThat(findings).extracting(Finding::rule).contains("total=sum(regions)");
        assertThat(findings).extracting(Finding::where).contains("row 000000000 Қазақстан Республикасы, column 2");
        assertThat(Controls.check(clean)).isEmpty();
    }
}
