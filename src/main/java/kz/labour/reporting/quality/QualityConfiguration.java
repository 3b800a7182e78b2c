package kz.labour.reporting.quality;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.ledger.PipelineDatabase;

/** The quality checks' beans: the delivered history in the pipeline database and the checks' settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlausibilitySettings.class)
public class QualityConfiguration {

    @Bean
    public HistoryStore historyStore(PipelineDatabase database) {
        return new HistoryStore(database);
    }

    @Bean
    public QualityChecks qualityChecks(HistoryStore historyStore, PlausibilitySettings settings, RegionCatalogue regions,
                                       Labels labels) {
        return new QualityChecks(historyStore, settings, regions, labels);
    }
}
