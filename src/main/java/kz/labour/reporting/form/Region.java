package kz.labour.reporting.form;

/** A top-level KATO unit: one row of each form. */
public record Region(String kato, String kk, String ru) {

    /** The two digits that source codes of any level share with their region. */
    public String prefix() {
        return kato.substring(0, 2);
    }
}
