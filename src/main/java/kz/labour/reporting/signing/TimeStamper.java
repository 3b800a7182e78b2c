package kz.labour.reporting.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 client: asks the time-stamp authority at SIGNING_TSA_URL for a token over the SHA-256 of
 * a signature value (the CMS signature-time-stamp, RFC 3161 appendix A), with a fresh nonce and the
 * TSA's certificate requested, and accepts only a granted answer for exactly that request, signed by
 * the certificate it carries.
 */
final class TimeStamper {

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    TimeStamper(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Checks SIGNING_TSA_URL: an absolute http or https URL. */
    static URI parse(String text) {
        try {
            URI uri = URI.create(text.strip());
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http or https URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new kz.labour.reporting.BadInputException("SIGNING_TSA_URL", "'" + text + "' is not usable (" + e.getMessage()
                    + "); accepted: the time-stamp authority's http or https URL");
        }
    }

    URI url() {
        return url;
    }

    /** The DER time-stamp token (a CMS ContentInfo) over {@code signature}. */
    byte[] token(byte[] signature) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256(signature), new BigInteger(64, random));
        byte[] answer;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .header("Accept", "application/timestamp-reply")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new SigningException("the time-stamp authority SIGNING_TSA_URL=" + url + " answered HTTP " + response.statusCode());
            }
            answer = response.body();
        } catch (IOException e) {
            throw new SigningException("the time-stamp authority SIGNING_TSA_URL=" + url + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException("interrupted while waiting for the time-stamp authority " + url, e);
        }
        try {
            TimeStampResponse response = new TimeStampResponse(answer);
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new SigningException("the time-stamp authority " + url + " refused the request: status " + response.getStatus()
                        + (response.getStatusString() == null ? "" : " (" + response.getStatusString() + ")"));
            }
            requireSignedByItsCertificate(token);
            return token.getEncoded();
        } catch (TSPException | IOException e) {
            throw new SigningException("the time-stamp authority " + url + " gave no valid time-stamp for the request: " + e.getMessage(), e);
        }
    }

    /** The token's signature must verify with the TSA certificate it carries (we asked for it). */
    private void requireSignedByItsCertificate(TimeStampToken token) throws TSPException {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw new TSPException("the token does not carry the certificate of its signer");
        }
        try {
            X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        } catch (CertificateException | OperatorCreationException e) {
            throw new TSPException("the token's certificate cannot be used: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
