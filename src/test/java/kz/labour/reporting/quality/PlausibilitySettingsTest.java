package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.FormId;

class PlausibilitySettingsTest {

    static final PlausibilitySettings D = PlausibilitySettings.defaults();

    @Test
    void theDefaultsAreValidAndColumnNineHasItsOwnThresholdsInThousandTenge() {
        assertThat(D.validate()).isSameAs(D);
        var inspectors = Tables.LABELS.form(FormId.MEIZHM);
        assertThat(D.minChange(inspectors.column(9))).isEqualByComparingTo("1000");
        assertThat(D.zeroMedian(inspectors.column(9))).isEqualByComparingTo("2000");
        assertThat(D.minChange(inspectors.column(8))).isEqualByComparingTo("5");
        assertThat(D.zeroMedian(Tables.LABELS.form(FormId.OZH).column(8))).isEqualByComparingTo("10");
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingAndWhatIsAccepted() {
        PlausibilitySettings tooLittle = new PlausibilitySettings(true, 12, 13, D.outlierScore(), D.minChange(),
                D.minChangeThousandTenge(), D.zeroMedian(), D.zeroMedianThousandTenge(), 3, 3);
        PlausibilitySettings negative = new PlausibilitySettings(true, 12, 6, new BigDecimal("-1"), D.minChange(),
                D.minChangeThousandTenge(), D.zeroMedian(), D.zeroMedianThousandTenge(), 3, 3);

        assertThatThrownBy(tooLittle::validate).isInstanceOf(BadInputException.class)
                .hasMessage("reporting.plausibility.min-history-periods: '13' is not accepted; accepted: a whole number "
                        + "from 1 to history-periods (12)");
        assertThatThrownBy(negative::validate).isInstanceOf(BadInputException.class)
                .hasMessage("reporting.plausibility.outlier-score: '-1' is not accepted; accepted: a number above 0");
    }

    @Test
    void theShippedConfigurationSetsTheSameThresholdsAsTheDefaults() throws Exception {
        var sources = new org.springframework.boot.env.YamlPropertySourceLoader()
                .load("application", new org.springframework.core.io.ClassPathResource("application.yml"));
        var binder = new org.springframework.boot.context.properties.bind.Binder(
                org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(sources));

        PlausibilitySettings bound = binder.bind("reporting.plausibility", PlausibilitySettings.class).get();

        assertThat(bound).isEqualTo(D);
    }
}
