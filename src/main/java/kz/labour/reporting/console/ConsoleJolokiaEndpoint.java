package kz.labour.reporting.console;

import java.util.Map;

import org.jolokia.server.core.http.AgentServlet;
import org.jolokia.support.spring.actuator.JolokiaEndpoint;
import org.springframework.boot.actuate.endpoint.web.EndpointServlet;
import org.springframework.boot.actuate.endpoint.web.annotation.ServletEndpoint;

/**
 * Jolokia at {@code /actuator/jolokia}, as Jolokia's own actuator endpoint serves it, but with the
 * console's {@link ConsoleRestrictor} handed to the agent: Jolokia's auto-configuration would
 * instantiate a restrictor class by name, outside Spring, where the Camel context's and the
 * application MBean's names are not known. It is still a {@link JolokiaEndpoint}, which Hawtio looks
 * for to forward its own {@code /actuator/hawtio/jolokia} requests here.
 */
@SuppressWarnings("removal") // servlet endpoints are how Jolokia's own endpoint is built in this Spring Boot
@ServletEndpoint(id = "jolokia")
class ConsoleJolokiaEndpoint extends JolokiaEndpoint {

    private final ConsoleRestrictor restrictor;
    private final Map<String, String> config;

    ConsoleJolokiaEndpoint(ConsoleRestrictor restrictor, Map<String, String> config) {
        super(config);
        this.restrictor = restrictor;
        this.config = config;
    }

    @Override
    public EndpointServlet get() {
        return new EndpointServlet(new AgentServlet(restrictor)).withInitParameters(config);
    }
}
