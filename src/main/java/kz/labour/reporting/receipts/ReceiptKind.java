package kz.labour.reporting.receipts;

/** What answered a delivered version. */
public enum ReceiptKind {
    /** A delivery status notification from a mail server (RFC 3464): reached the mailbox, or not. */
    DSN,
    /** A message disposition notification from the reader's mail program (RFC 8098): voluntary. */
    MDN,
    /** The bureau's acknowledgement file over SFTP: received, accepted or rejected. */
    ACK,
    /** A person's e-mail answering one of ours. */
    REPLY
}
