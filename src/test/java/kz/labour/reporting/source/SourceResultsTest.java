package kz.labour.reporting.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.Severity;

class SourceResultsTest {

    static final FormDefinition INJURIES = Labels.load().form(FormId.parse("2-OZh"));
    static final RegionCatalogue REGIONS = RegionCatalogue.load();

    static Map<String, Object> row(String region, long suspect, long c2) {
        return row(region, suspect, c2, 0);
    }

    static Map<String, Object> row(String region, long suspect, long c2, long unplaced) {
        Map<String, Object> row = new HashMap<>();
        row.put("region", region);
        for (int c = 2; c <= 8; c++) {
            row.put("c" + c, c == 2 ? c2 : 0L);
        }
        row.put("suspect", suspect);
        row.put("unplaced", unplaced);
        return row;
    }

    @Test
    void aggregateOfCatalogueRegionsWithNothingSuspectIsSound() {
        Aggregate a = SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row("35", 0, 4), row("63", 0, 1)));
        assertThat(a.sound()).isTrue();
        assertThat(a.byRegion()).containsOnlyKeys("35", "63");
        assertThat(a.byRegion().get("35").get(2)).isEqualByComparingTo(BigDecimal.valueOf(4));
        assertThat(a.describeSuspects()).isEqualTo("nothing suspect");
    }

    @Test
    void suspectRowsInAnyRegionMakeItUnsound() {
        Aggregate a = SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row("35", 2, 4), row("63", 1, 1)));
        assertThat(a.sound()).isFalse();
        assertThat(a.suspectRows()).isEqualTo(3);
        assertThat(a.describeSuspects()).isEqualTo("3 rows that cannot be counted");
    }

    @Test
    void prefixOutsideTheCatalogueOrMissingCodeIsKeptApartAndMakesItUnsound() {
        Aggregate a = SourceResults.aggregate(INJURIES, REGIONS.prefixes(),
                List.of(row("35", 0, 4), row("99", 0, 1), row(null, 0, 1)));
        assertThat(a.sound()).isFalse();
        assertThat(a.byRegion()).containsOnlyKeys("35");
        assertThat(a.foreignPrefixes()).containsExactly("99", "null");
        assertThat(a.describeSuspects()).isEqualTo("region codes starting 99, null, which match no region");
    }

    @Test
    void unplacedRowsRepeatedOnEveryRowAreCountedOnce() {
        Aggregate a = SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row("35", 1, 4, 2), row("63", 0, 1, 2)));
        assertThat(a.sound()).isFalse();
        assertThat(a.suspectRows()).isEqualTo(3);
    }

    @Test
    void periodWhereNothingCountsIsEmptyAndWarned() {
        Aggregate quiet = SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row("35", 0, 0), row("63", 0, 0)));
        assertThat(quiet.empty()).isTrue();
        assertThat(quiet.warnings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Aggregate.NO_ROWS_RULE);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).contains("every cell is 0");
        });
        Aggregate busy = SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row("35", 0, 0), row("63", 0, 1)));
        assertThat(busy.empty()).isFalse();
        assertThat(busy.warnings()).isEmpty();
        Aggregate unsound = SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row("35", 1, 0)));
        assertThat(unsound.warnings()).as("an unsound period is refused, not warned").isEmpty();
    }

    @Test
    void statementWithoutTheUnplacedCountIsRefused() {
        Map<String, Object> row = row("35", 0, 1);
        row.remove("unplaced");
        assertThatThrownBy(() -> SourceResults.aggregate(INJURIES, REGIONS.prefixes(), List.of(row)))
                .hasMessage("2-OZh aggregation returned no unplaced count");
    }
}
