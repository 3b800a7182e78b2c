package kz.labour.reporting.ops;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ExitCode;
import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Summary;
import kz.labour.reporting.transmission.TransmitRequest;

/** The one-shot commands: {@code transmit} enters the same route as the schedule and JMX. */
@Component
public class Cli {

    private final ProducerTemplate producer;
    private final StatusReport statusReport;

    public Cli(ProducerTemplate producer, StatusReport statusReport) {
        this.producer = producer;
        this.statusReport = statusReport;
    }

    public int run(Command command, PrintStream out, PrintStream err) {
        try {
            return switch (command.kind()) {
                case TRANSMIT -> transmit(command, out);
                case STATUS -> {
                    out.print(command.form() == null ? statusReport.table(command.period())
                            : statusReport.detail(command.period(), command.form()));
                    yield ExitCode.OK.code();
                }
                default -> throw new IllegalArgumentException(command.kind() + " is not a one-shot command");
            };
        } catch (BadInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof BadInputException bad) {
                err.println("error: " + bad.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
            err.println("error: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            return ExitCode.ERROR.code();
        }
    }

    private int transmit(Command command, PrintStream out) {
        TransmitRequest request = new TransmitRequest(command.period(), command.form(), command.asOf(), command.mode(),
                Trigger.CLI, whoAmI());
        @SuppressWarnings("unchecked")
        List<Job> jobs = producer.requestBody("direct:transmit", request, List.class);
        Summary summary = new Summary(jobs);
        out.print(summary.table());
        return summary.exitCode().code();
    }

    static String whoAmI() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
