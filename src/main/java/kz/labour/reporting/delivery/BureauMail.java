package kz.labour.reporting.delivery;

import java.util.List;

/** The e-mail for one form and version, as composed: what the route puts on the wire. */
record BureauMail(String subject, String body, List<Attachment> attachments) {

    public BureauMail {
        attachments = List.copyOf(attachments);
    }

    /** A file attached under its own name. */
    public record Attachment(String name, String contentType, byte[] content) {

        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}
