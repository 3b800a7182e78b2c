package kz.labour.reporting.signing;

import java.time.format.DateTimeFormatter;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import kz.labour.reporting.BadInputException;

/**
 * Health component {@code signing}: UP with the certificate (or {@code signed: false} when no store is
 * configured); {@code WARN} while the certificate expires within {@code signing.warn-before-expiry}
 * (ranked between DOWN and UP by management.endpoint.health.status.order, HTTP 200); DOWN with the
 * reason when the store or certificate would be refused. Never the password.
 */
class SigningHealthIndicator implements HealthIndicator {

    public static final org.springframework.boot.actuate.health.Status WARN = new org.springframework.boot.actuate.health.Status(
            "WARN", "the signing certificate expires soon");

    private final Signing signing;

    public SigningHealthIndicator(Signing signing) {
        this.signing = signing;
    }

    @Override
    public Health health() {
        try {
            return signing.status().map(s -> Health.status(s.expiringSoon() ? WARN : org.springframework.boot.actuate.health.Status.UP)
                            .withDetail("signed", true)
                            .withDetail("certificate", s.key().describe())
                            .withDetail("notAfter", DateTimeFormatter.ISO_INSTANT.format(s.key().notAfter()))
                            .withDetail("daysLeft", s.left().toDays())
                            .build())
                    .orElseGet(() -> Health.up().withDetail("signed", false).build());
        } catch (BadInputException e) {
            return Health.down().withDetail("signed", false).withDetail("problem", e.getMessage()).build();
        }
    }
}
