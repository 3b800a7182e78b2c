package kz.labour.reporting.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import com.sun.net.httpserver.HttpServer;

import kz.labour.reporting.support.TestPki;

/**
 * A time-stamp authority on loopback for the tests: com.sun.net.httpserver answering RFC 3161 requests
 * with BouncyCastle's TimeStampResponseGenerator, signed by a certificate with the critical
 * timeStamping usage from the test CA. It counts requests and can be told to answer HTTP 503.
 */
final class LoopbackTsa implements AutoCloseable {

    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.2.3.4.5.6");

    private final HttpServer server;
    private final TestPki.Issued certificate;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong serial = new AtomicLong();
    private volatile boolean unavailable;

    LoopbackTsa(TestPki pki, TestPki.Issued certificate, Clock clock) throws IOException {
        this.certificate = certificate;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", exchange -> {
            requests.incrementAndGet();
            byte[] answer;
            int status;
            try (InputStream in = exchange.getRequestBody()) {
                if (unavailable) {
                    status = 503;
                    answer = new byte[0];
                } else {
                    TimeStampRequest request = new TimeStampRequest(in.readAllBytes());
                    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                            new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", certificate.privateKey(), certificate.certificate()),
                            new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                            POLICY);
                    tokens.addCertificates(new JcaCertStore(List.of(certificate.certificate())));
                    answer = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                            .generate(request, BigInteger.valueOf(serial.incrementAndGet()), Date.from(clock.instant())).getEncoded();
                    status = 200;
                }
            } catch (Exception e) {
                status = 500;
                answer = e.toString().getBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
    }

    TestPki.Issued certificate() {
        return certificate;
    }

    int requests() {
        return requests.get();
    }

    void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
