package kz.labour.reporting.form;

import java.nio.charset.StandardCharsets;

/**
 * A fingerprint of a form's numbers alone: form, period, accumulation and every printed cell. It leaves
 * out generation time, cut-off, version, action, labels and findings, so {@code transmit --force} can
 * tell "the numbers changed" from "only rebuilt".
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** SHA-256 hex of {@link #canonicalText(FormTable)}. */
    public static String of(FormTable table) {
        return Sha256.hex(canonicalText(table).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One line per fact, e.g. {@code form=2-OZh}, {@code period=2025-06}, {@code accumulation=MONTH}, then one
     * line per row in printed order: {@code 000000000 2=12 3=1 …}. Values use the printed scale ("12.4", "0.0").
     */
    static String canonicalText(FormTable table) {
        StringBuilder text = new StringBuilder()
                .append("form=").append(table.form().ascii()).append('\n')
                .append("period=").append(table.period()).append('\n')
                .append("accumulation=").append(table.accumulation().name()).append('\n');
        for (FormRow row : table.rows()) {
            text.append(row.kato());
            for (ColumnDef column : table.definition().numericColumns()) {
                text.append(' ').append(column.number()).append('=').append(Formats.printed(row, column).toPlainString());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
