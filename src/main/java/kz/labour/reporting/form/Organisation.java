package kz.labour.reporting.form;

/**
 * The submitting organisation, printed in the form's header (BIN) and footer (name, address, phone,
 * e-mail, executor, head). From the {@code ORG_*} settings, never from code.
 */
public record Organisation(String bin, String name, String address, String phone, String email,
                           String executor, String head) {
}
