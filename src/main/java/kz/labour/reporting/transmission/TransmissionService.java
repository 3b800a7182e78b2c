package kz.labour.reporting.transmission;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The way into a transmission from Java (the CLI and JMX): the request enters route {@code transmit}
 * (routes/2-transmit.camel.yaml), where the schedule's trigger routes send theirs, and its
 * {@link Summary} comes back. A request that fails as a whole is remembered for the application MBean
 * ({@link RecentFailures}); the route remembers the jobs that did not end well.
 */
@Component("transmissionService")
public class TransmissionService {

    /** The route every request enters. */
    public static final String ENTRY = "direct:transmit";

    private final ProducerTemplate producer;
    private final RecentFailures failures;

    public TransmissionService(ProducerTemplate producer, RecentFailures failures) {
        this.producer = producer;
        this.failures = failures;
    }

    /**
     * Runs the request to its end and returns what it did, one job per month and form; each job's
     * own failure is in the summary. A request that fails as a whole (bad input such as an unknown
     * period or form: {@link kz.labour.reporting.BadInputException}; a bad setting; the ledger
     * unreachable) throws that exception, unwrapped from Camel's, having sent nothing more.
     */
    public Summary transmit(TransmitRequest request) {
        try {
            return producer.requestBody(ENTRY, request, Summary.class);
        } catch (CamelExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            failures.requestFailed(request, cause);
            throw cause;
        }
    }
}
