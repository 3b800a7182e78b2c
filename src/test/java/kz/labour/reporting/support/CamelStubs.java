package kz.labour.reporting.support;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.support.PluginHelper;

import kz.labour.reporting.transmission.Summary;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * Test doubles for the endpoints a test must not reach (the bureau's SFTP and mail, the operators'
 * alert mail) or wants to watch (direct:transmit): every send to a matching endpoint runs the given
 * processor instead. Wired before the Camel context starts, by endpoint interception, so it works
 * whether or not a route consumes the endpoint (direct:deliver-sftp, direct:deliver-mail and
 * direct:alert are built on another branch) and for sends from routes and ProducerTemplates alike.
 */
public final class CamelStubs implements CamelContextConfiguration {

    /** A send to direct:transmit as a trigger route made it. */
    public record Sent(TransmitRequest request, String triggerName, Date scheduledFireTime) {
    }

    /** A send to direct:alert. */
    public record Alert(String subject, String text) {
    }

    private final Map<String, Processor> stubs = new LinkedHashMap<>();

    /** Every send to {@code uri} (a Camel endpoint pattern) runs {@code processor} instead. */
    public CamelStubs stub(String uri, Processor processor) {
        stubs.put(uri, processor);
        return this;
    }

    /** A send that succeeds at once: a channel that returns normally is recorded done by route deliver-by-channel. */
    public static final Processor SUCCEED = exchange -> { };

    /** Both delivery channels succeed at once. */
    public CamelStubs channelsSucceed() {
        return stub("direct:deliver-sftp", SUCCEED).stub("direct:deliver-mail", SUCCEED);
    }

    /** Records each request into {@code sent} and answers with an empty summary, so nothing is built or sent. */
    public CamelStubs captureTransmit(Queue<Sent> sent) {
        return stub("direct:transmit", exchange -> {
            sent.add(new Sent(exchange.getMessage().getBody(TransmitRequest.class),
                    exchange.getMessage().getHeader("triggerName", String.class),
                    exchange.getMessage().getHeader("scheduledFireTime", Date.class)));
            exchange.getMessage().setBody(Summary.of(List.of()));
        });
    }

    /** Records each operators' alert into {@code alerts}, where it would have been mailed. */
    public CamelStubs captureAlerts(Queue<Alert> alerts) {
        return stub("direct:alert-mail", exchange -> alerts.add(new Alert(exchange.getMessage().getHeader("alertSubject", String.class),
                exchange.getMessage().getBody(String.class))));
    }

    public static Queue<Sent> sentQueue() {
        return new ConcurrentLinkedQueue<>();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        stubs.forEach((uri, processor) -> camelContext.getCamelContextExtension().registerEndpointCallback(
                (String key, Endpoint endpoint) -> EndpointHelper.matchEndpoint(camelContext, key, uri)
                        ? PluginHelper.getInterceptEndpointFactory(camelContext)
                                .createInterceptSendToEndpoint(camelContext, endpoint, true, null, processor, null)
                        : endpoint));
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing: everything is wired before the start
    }
}
