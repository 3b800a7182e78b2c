package kz.labour.reporting;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jmx.export.MBeanExporter;

import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;

/** The data files and the clock, shared by every feature. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingSettings.class)
class CoreConfiguration {

    @Bean
    public Labels labels() {
        return Labels.load();
    }

    @Bean
    public RegionCatalogue regionCatalogue() {
        return RegionCatalogue.load();
    }

    /**
     * HikariCP pools are MXBeans, so Spring's JMX exporter would publish them, setPassword included,
     * to anyone with JMX write access. The pools have nothing an operator needs there.
     */
    @Bean
    public static BeanPostProcessor keepConnectionPoolsOutOfJmx() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof MBeanExporter exporter) {
                    exporter.addExcludedBean("sourceDataSource");
                    exporter.addExcludedBean("pipelineDataSource");
                }
                return bean;
            }
        };
    }

    /** The one configured JSON mapper; code that is not a bean takes the same instance from {@link Formats#mapper()}. */
    @Bean
    public ObjectMapper objectMapper() {
        return Formats.mapper();
    }

    /** Replaced in tests that need a fixed "now". */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
