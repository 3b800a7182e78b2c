package kz.labour.reporting.delivery;

import java.time.Clock;
import java.util.Properties;

import org.apache.camel.component.mail.MailAuthenticator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jakarta.mail.PasswordAuthentication;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.signing.Signing;

/** The delivery channels' settings and the pieces the routes refer to by name. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
class DeliveryConfiguration {

    @Bean
    public MailComposer mailComposer(Labels labels, ReportingSettings reporting, RegionCatalogue regions) {
        return new MailComposer(labels, reporting.org(), reporting.zoneId(), regions);
    }

    /** The bureau's e-mail as sent: {@code setBody: method: ref: mimeMail, method: message(...)} in routes/3-deliver.camel.yaml. */
    @Bean
    public MimeMail mimeMail(DeliverySettings settings, ReportingSettings reporting, Clock clock, Signing signing) {
        return new MimeMail(settings.mail().from(), settings.mail().bureau(), reporting.org(), clock, signing::sign);
    }

    /**
     * SFTP_PRIVATE_KEY_PASSPHRASE, given to the SFTP endpoint as {@code privateKeyPassphrase=#bean:sftpPrivateKeyPassphrase}
     * so the secret is in no endpoint URI: JMX shows those (endpoint MBeans, {@code dumpRoutesAsXml(true)} with
     * placeholders resolved), and a reference shows nothing. Empty for a key without a passphrase.
     */
    @Bean
    public String sftpPrivateKeyPassphrase(DeliverySettings settings) {
        String passphrase = settings.sftp().privateKeyPassphrase();
        return passphrase == null ? "" : passphrase;
    }

    /**
     * The relay login, given to the mail endpoints as {@code authenticator=#smtpAuthenticator} so the
     * password never appears in an endpoint URI. An empty SMTP_USER gives no user at all: JavaMail
     * logs in whenever it has a user and a password, even empty ones.
     */
    @Bean
    public MailAuthenticator smtpAuthenticator(DeliverySettings settings) {
        DeliverySettings.Smtp smtp = settings.smtp();
        return new MailAuthenticator() {
            @Override
            public PasswordAuthentication getPasswordAuthentication() {
                return smtp.authenticates() ? new PasswordAuthentication(smtp.user(), smtp.password() == null ? "" : smtp.password())
                        : new PasswordAuthentication(null, null);
            }
        };
    }

    /**
     * JavaMail settings the mail endpoints add to Camel's own ({@code additionalJavaMailProperties=#smtpProperties}):
     * STARTTLS required (not merely tried) unless switched off, the relay's certificate checked against its host
     * name, no login when SMTP_USER is empty, and timeouts so a silent relay cannot hang a run. With SMTP_USER
     * set, the transport is {@link LoginRequiredTransport}: a relay that offers no login gets no message.
     */
    @Bean
    public Properties smtpProperties(DeliverySettings settings) {
        DeliverySettings.Smtp smtp = settings.smtp();
        Properties p = new Properties();
        p.setProperty("mail.smtp.auth", Boolean.toString(smtp.authenticates()));
        if (smtp.authenticates()) {
            p.setProperty("mail.smtp.class", LoginRequiredTransport.class.getName());
        }
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(smtp.connectTimeout()));
        p.setProperty("mail.smtp.timeout", Integer.toString(smtp.readTimeout()));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(smtp.readTimeout()));
        return p;
    }
}
