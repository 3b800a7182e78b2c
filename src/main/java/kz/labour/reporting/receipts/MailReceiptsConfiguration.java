package kz.labour.reporting.receipts;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jakarta.mail.PasswordAuthentication;

/**
 * Reading receipts from the pipeline's mailbox: the reader and what routes/7-receipts-mail.camel.yaml
 * refers to by name. The route runs only in service mode (the one-shot commands read no mailbox)
 * and only with RECEIPTS_IMAP_HOST set; the start-up log says which.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImapSettings.class)
class MailReceiptsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MailReceiptsConfiguration.class);

    /** {@code method: ref: mailReceiptReader} in the route. With RECEIPTS_TRUSTSTORE_FILE, MDNs must be signed by the bureau. */
    @Bean
    public MailReceiptReader mailReceiptReader(ImapSettings imap, AckVerifier trustStore) {
        return new MailReceiptReader(imap.maxBytes(), trustStore.configured() ? new SmimeVerifier(trustStore.anchors()) : null);
    }

    /** The mailbox login, given as {@code authenticator=#receiptsImapAuthenticator} so the password is in no endpoint URI (JMX shows those). */
    @Bean
    public MailAuthenticator receiptsImapAuthenticator(ImapSettings imap) {
        return new MailAuthenticator() {
            @Override
            public PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(imap.user(), imap.password());
            }
        };
    }

    /**
     * {@code imap:{{bean:receiptsImapServer.host}}:{{bean:receiptsImapServer.port}}} in the route: the port
     * chosen by the settings (RECEIPTS_IMAP_PORT, or the security's usual one), which a placeholder cannot.
     */
    @Bean
    public ImapSettings.Server receiptsImapServer(ImapSettings imap) {
        return imap.server();
    }

    /** {@code additionalJavaMailProperties=#receiptsImapProperties}: see {@link ImapSettings#javaMailProperties()}. */
    @Bean
    public Properties receiptsImapProperties(ImapSettings imap) {
        return imap.javaMailProperties();
    }

    /** Says once the context is up, in service mode, whether the mailbox is read (the route's precondition decides). */
    @Bean
    public CamelContextConfiguration receiptsMailStart(ImapSettings imap, @Value("${receipts.read:true}") boolean service) {
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
                if (!imap.reads()) {
                    LOG.info("receipts by mail are not read: RECEIPTS_IMAP_HOST is not set");
                    return;
                }
                LOG.info("receipts by mail: reading INBOX of {}; recorded ones go to {}, ones set aside to {}", imap.mailbox(),
                        imap.doneFolder(), imap.failedFolder());
            }
        };
    }
}
