package kz.labour.reporting.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;

class SourceResultsTest {

    static final FormDefinition INJURIES = Labels.load().form(FormId.parse("2-OZh"));
    static final RegionCatalogue REGIONS = RegionCatalogue.load();

    static Map<String, Object> row(String region, long suspect, long c2) {
        Map<String, Object> row = new HashMap<>();
        row.put("region", region);
        for (int c = 2; c <= 8; c++) {
            row.put("c" + c, c == 2 ? c2 : 0L);
        }
        row.put("suspect", suspect);
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
}
