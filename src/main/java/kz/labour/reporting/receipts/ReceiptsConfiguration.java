package kz.labour.reporting.receipts;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.labour.reporting.delivery.DeliverySettings;
import kz.labour.reporting.ledger.PipelineDatabase;

/**
 * The receipts' settings and the pieces routes/7-receipts.camel.yaml refers to by name. Acknowledgement
 * files are read only in service mode ({@code receipts.read}, which the one-shot commands set false)
 * and only with RECEIPTS_SFTP_DIRECTORY set; the start-up log says which.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReceiptsSettings.class)
class ReceiptsConfiguration {

    /** The route that reads acknowledgement files, created by its precondition or not at all. */
    static final String ACK_ROUTE = "receipts-sftp";
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptsConfiguration.class);

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

    /**
     * Says once the context is up, in service mode, whether acknowledgement files are read and where:
     * from the route itself, so the line cannot claim a consumer that is not running.
     */
    @Bean
    CamelContextConfiguration receiptsSftpStart(AckFiles files, ReceiptsSettings settings, @Value("${receipts.read:true}") boolean service) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // the route is created or not by its precondition
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (!service) {
                    return;
                }
                if (camelContext.getRoute(ACK_ROUTE) == null) {
                    LOG.info("acknowledgement files are not read: RECEIPTS_SFTP_DIRECTORY is not set");
                    return;
                }
                ServiceStatus status = camelContext.getRouteController().getRouteStatus(ACK_ROUTE);
                if (status != ServiceStatus.Started) {
                    LOG.warn("acknowledgement files are not read: route {} is {}", ACK_ROUTE, status);
                    return;
                }
                LOG.info("acknowledgement files: reading {} every {} ms; recorded ones go to done/, ones set aside to failed/",
                        files.where(), settings.sftp().pollDelay());
            }
        };
    }
}
