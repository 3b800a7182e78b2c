package kz.labour.reporting;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;

/** The data files and the clock, shared by every feature. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingSettings.class)
public class CoreConfiguration {

    @Bean
    public Labels labels() {
        return Labels.load();
    }

    @Bean
    public RegionCatalogue regionCatalogue() {
        return RegionCatalogue.load();
    }

    /** Replaced in tests that need a fixed "now". */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
