package kz.labour.reporting.ops;

import java.io.PrintStream;
import java.net.InetAddress;

import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.Causes;
import kz.labour.reporting.ExitCode;
import kz.labour.reporting.explain.Explainer;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.transmission.Summary;
import kz.labour.reporting.transmission.TransmissionService;
import kz.labour.reporting.transmission.TransmitRequest;

/** The one-shot commands: {@code transmit} enters the same transmission as the schedule and JMX. */
@Component
public class Cli {

    private final TransmissionService transmissions;
    private final StatusReport statusReport;
    private final Explainer explainer;

    public Cli(TransmissionService transmissions, StatusReport statusReport, Explainer explainer) {
        this.transmissions = transmissions;
        this.statusReport = statusReport;
        this.explainer = explainer;
    }

    /** Runs the command, printing its answer to {@code out} and an error to {@code err}; the exit code. */
    public int run(Command command, PrintStream out, PrintStream err) {
        try {
            return switch (command.kind()) {
                case TRANSMIT -> transmit(command, out).code();
                case STATUS -> {
                    out.print(command.form() == null ? statusReport.table(command.period())
                            : statusReport.detail(command.period(), command.form()));
                    yield ExitCode.OK.code();
                }
                case EXPLAIN -> {
                    var explained = explainer.explain(new Explainer.Query(command.period(), command.form(), command.cell(),
                            command.asOf(), command.version()));
                    out.print(command.json() ? explained.json() : explained.table());
                    yield ExitCode.OK.code();
                }
                default -> throw new IllegalArgumentException(command.kind() + " is not a one-shot command");
            };
        } catch (BadInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        } catch (RuntimeException e) {
            err.println("error: " + Causes.summary(e));
            return ExitCode.ERROR.code();
        }
    }

    private ExitCode transmit(Command command, PrintStream out) {
        Summary summary = transmissions.transmit(new TransmitRequest(command.period(), command.form(), command.asOf(),
                command.mode(), Origin.CLI, whoAmI()));
        out.print(summary.table());
        return summary.exitCode();
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
