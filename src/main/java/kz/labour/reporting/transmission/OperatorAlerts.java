package kz.labour.reporting.transmission;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;

/**
 * The operators' e-mail about a delivery that failed (route {@code deliver}, then {@code alert}): what
 * failed, why, where the files are and which command finishes it. Plain text, one per form and version.
 */
@Component("operatorAlerts")
class OperatorAlerts {

    public String deliveryFailedSubject(@ExchangeProperty("job") Job job) {
        return "labour-reporting: " + job.form().ascii() + " " + job.period() + " " + job.version()
                + (job.mode() == Mode.RESEND ? " not sent again" : " not delivered");
    }

    public String deliveryFailedText(@ExchangeProperty("job") Job job) {
        Transmission t = job.transmission();
        boolean resend = job.mode() == Mode.RESEND;
        String command = "java -jar labour-reporting.jar transmit --period " + job.period() + " --form " + job.form().ascii()
                + (resend ? " --resend" : "");
        StringBuilder text = new StringBuilder()
                .append(job.form().index()).append(" (").append(job.form().ascii()).append(") for ").append(job.period())
                .append(", version ").append(job.version()).append(' ').append(job.action()).append(", was ")
                .append(resend ? "not sent again" : "not delivered").append(" to the bureau.\n\n")
                .append("SFTP:   ").append(channelLine(t, Channel.SFTP)).append('\n')
                .append("E-mail: ").append(channelLine(t, Channel.MAIL)).append("\n\n")
                .append("The files are kept in ").append(job.directory()).append(":\n");
        for (StoredFile f : t.files()) {
            text.append("  ").append(f.name()).append('\n');
        }
        text.append("\nAfter fixing the cause, run\n  ").append(command).append('\n')
                .append(resend ? "" : "to send what is missing; a channel that already succeeded is not repeated.\n")
                .append("\nRequested by ").append(job.request().requestedBy()).append(" (").append(job.request().origin())
                .append(").\n");
        return text.toString();
    }

    private static String channelLine(Transmission t, Channel channel) {
        ChannelStatus status = t.status(channel);
        String error = t.error(channel);
        if (status == ChannelStatus.PENDING && error == null) {
            // only a refusal that stops the whole version leaves a channel untried at the end of a delivery
            return "PENDING: held back, not sent, so the bureau never holds two different files under one version";
        }
        return status == ChannelStatus.DONE ? "done" : status + (error == null ? "" : ": " + error);
    }
}
