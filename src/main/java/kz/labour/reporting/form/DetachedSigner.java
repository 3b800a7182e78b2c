package kz.labour.reporting.form;

/**
 * Makes the detached signature of one file: the bytes of its {@code .p7s} (the signing package's CMS
 * signer). Rendering knows no keys; it only asks for a signature of each file it lays out.
 */
@FunctionalInterface
public interface DetachedSigner {

    /** The signature file's bytes for {@code content}, which the signature does not contain. */
    byte[] sign(byte[] content);
}
