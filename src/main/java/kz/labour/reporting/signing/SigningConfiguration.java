package kz.labour.reporting.signing;

import java.time.Clock;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.labour.reporting.ReportingSettings;

/** The organisation's signature: the settings, the signer the flow calls, and its health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningSettings.class)
public class SigningConfiguration {

    @Bean
    public Signing signing(SigningSettings settings, ReportingSettings reporting, Clock clock) {
        return new Signing(settings, reporting, clock);
    }

    /** Health component "signing" (the bean name less "HealthIndicator"). */
    @Bean
    public HealthIndicator signingHealthIndicator(Signing signing) {
        return new SigningHealthIndicator(signing);
    }
}
