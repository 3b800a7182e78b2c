package kz.labour.reporting.receipts;

import org.apache.camel.spi.IdempotentRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.labour.reporting.delivery.DeliverySettings;
import kz.labour.reporting.ledger.PipelineDatabase;

/** The receipts' settings and the pieces routes/7-receipts.camel.yaml refers to by name. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReceiptsSettings.class)
class ReceiptsConfiguration {

    /** The bureau's CA when RECEIPTS_TRUSTSTORE_FILE is set (a bad one stops the start, naming it), else none. */
    @Bean
    AckVerifier ackVerifier(ReceiptsSettings settings) {
        return settings.verifies() ? AckVerifier.load(settings.truststoreFile(), settings.truststorePassword()) : AckVerifier.none();
    }

    @Bean
    public AckFiles ackFiles(ReceiptsSettings settings, DeliverySettings delivery, AckVerifier verifier) {
        return new AckFiles(settings, delivery.sftp(), verifier);
    }

    /** {@code idempotentRepository=#receiptsReadFiles} of the SFTP consumer. */
    @Bean
    public IdempotentRepository receiptsReadFiles(PipelineDatabase database) {
        return new ReadFiles(database);
    }

    @Bean
    public AcknowledgementWatch acknowledgementWatch(ReceiptBook book, ReceiptsSettings settings) {
        return new AcknowledgementWatch(book, settings);
    }
}
