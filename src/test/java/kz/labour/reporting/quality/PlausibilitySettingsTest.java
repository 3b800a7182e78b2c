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
    void theDefaultsAreValidAndColumnNineIsTheOneAmount() {
        assertThat(D.validate()).isSameAs(D);
        var inspectors = Tables.LABELS.form(FormId.MEIZHM);
        assertThat(PlausibilitySettings.money(inspectors.column(9))).isTrue();
        assertThat(PlausibilitySettings.money(inspectors.column(8))).isFalse();
        assertThat(D.significance()).isEqualByComparingTo("0.001");
        assertThat(D.minShare()).isEqualByComparingTo("0.01");
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingAndWhatIsAccepted() {
        PlausibilitySettings tooLittle = new PlausibilitySettings(true, 12, 13, D.significance(), D.minShare(), 3, 3);
        PlausibilitySettings certain = new PlausibilitySettings(true, 12, 6, new BigDecimal("0.5"), D.minShare(), 3, 3);
        PlausibilitySettings negative = new PlausibilitySettings(true, 12, 6, D.significance(), new BigDecimal("-0.01"), 3, 3);

        assertThatThrownBy(tooLittle::validate).isInstanceOf(BadInputException.class)
                .hasMessage("reporting.plausibility.min-history-periods: '13' is not accepted; accepted: a whole number "
                        + "from 2 to history-periods (12)");
        assertThatThrownBy(certain::validate).isInstanceOf(BadInputException.class)
                .hasMessage("reporting.plausibility.significance: '0.5' is not accepted; accepted: a probability above 0 "
                        + "and below 0.5, such as 0.001");
        assertThatThrownBy(negative::validate).isInstanceOf(BadInputException.class)
                .hasMessage("reporting.plausibility.min-share: '-0.01' is not accepted; accepted: a share of the national "
                        + "total from 0 to below 1, such as 0.01 for 1 %");
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
