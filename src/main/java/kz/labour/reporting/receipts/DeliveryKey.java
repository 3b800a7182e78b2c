package kz.labour.reporting.receipts;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

/**
 * One delivery of one version by e-mail, {@code 2-OZh.2025-06.V0001.delivery1}: the e-mail's
 * Message-ID is made from it and it is the DSN's ENVID, so any receipt naming it names its version.
 * The same when an interrupted delivery is finished; a resend is the next delivery.
 */
public record DeliveryKey(FormId form, YearMonth period, Version version, int delivery) {

    private static final Pattern KEY = Pattern.compile("(1-MEIZhM|2-OZh)\\.(\\d{4}-\\d{2})\\.(V\\d{4})\\.delivery(\\d{1,6})");

    public DeliveryKey {
        if (delivery < 1) {
            throw new IllegalArgumentException("delivery " + delivery + " is not a delivery number; accepted: 1 or more");
        }
    }

    /**
     * The key inside {@code text}: a bare key (ENVID) or a Message-ID {@code <key@domain>}; empty
     * when the text names no delivery of ours.
     */
    public static Optional<DeliveryKey> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeliveryKey(FormId.parse(m.group(1)), YearMonth.parse(m.group(2)),
                    Version.parse(m.group(3)), Integer.parseInt(m.group(4))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return form.ascii() + "." + period + "." + version.label() + ".delivery" + delivery;
    }
}
