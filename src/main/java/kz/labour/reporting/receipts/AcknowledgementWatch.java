package kz.labour.reporting.receipts;

import java.util.List;

/**
 * The scheduled check (routes/7-receipts.camel.yaml, receipts-ack-check): each delivered version with no
 * acknowledgement RECEIPTS_ACK_WITHIN after its delivery gets one alert, on whichever instance finds it first.
 */
public class AcknowledgementWatch {

    private final ReceiptBook book;
    private final ReceiptsSettings settings;

    AcknowledgementWatch(ReceiptBook book, ReceiptsSettings settings) {
        this.book = book;
        this.settings = settings;
    }

    /** The alerts due now; each version's at most once, ever. */
    public List<Alert> due() {
        return book.claimMissingAcknowledgements(settings.ackWithin());
    }
}
