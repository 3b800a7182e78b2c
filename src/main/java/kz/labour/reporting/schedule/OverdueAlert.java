package kz.labour.reporting.schedule;

import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Attempt;
import kz.labour.reporting.ledger.OverdueRegister.Overdue;

/** The operators' e-mail about overdue forms: what is late and what to do about it. Plain text. */
record OverdueAlert(String subject, String text) {

    /**
     * @param overdue    the forms claimed for this alert (not empty)
     * @param rejected   of those, the ones whose last build was REJECTED: that build, with its findings
     * @param zone       the reporting zone, for the deadline's and the build's local time
     * @param mbean      the application MBean's ObjectName, for operators who rerun over JMX
     * @param instanceId which instance found them
     */
    static OverdueAlert of(List<Overdue> overdue, Map<Overdue, Attempt> rejected, ZoneId zone, String mbean,
                           String instanceId) {
        String names = overdue.stream().map(o -> o.form().index() + " " + o.period())
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder();
        text.append("These forms were not delivered to the statistics bureau by their deadline:\n\n");
        for (Overdue o : overdue) {
            FormId form = o.form();
            text.append(String.format("  %s (%s): period %s, deadline %s%n", form.index(), form.ascii(), o.period(),
                    o.deadline().atZoneSameInstant(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)));
        }
        if (!rejected.isEmpty()) {
            text.append("\nRejected by their last build (the findings the ledger keeps):\n");
            for (Overdue o : overdue) {
                Attempt a = rejected.get(o);
                if (a == null) {
                    continue;
                }
                text.append(String.format("  %s %s %s, built %s:%n", o.form().index(), o.period(), a.version(),
                        a.at().atZoneSameInstant(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)));
                for (Finding f : a.findings()) {
                    if (f.blocking()) {
                        text.append("    ").append(f).append('\n');
                    }
                }
            }
        }
        String period = overdue.get(0).period().toString();
        text.append("\nWhat to do:\n")
            .append("  1. See what the ledger holds for the period (a REJECTED or FAILED version says why):\n")
            .append("       java -jar labour-reporting.jar status --period ").append(period).append('\n')
            .append("  2. Deliver it: finishes an interrupted version, otherwise builds and sends version 1:\n")
            .append("       java -jar labour-reporting.jar transmit --period ").append(period).append('\n')
            .append("     or over JMX, ").append(mbean).append(": transmit(\"").append(period).append("\", \"\", false)\n")
            .append("  3. A REJECTED form needs its source data corrected before step 2; each build's findings:\n")
            .append("       java -jar labour-reporting.jar status --period ").append(period).append(" --form F\n")
            .append("     and what the data says now: transmit --period ").append(period).append(" --dry-run\n")
            .append("\nThe 'deadline' health indicator stays DOWN until every form above is delivered. No further\n")
            .append("alert is sent about these forms.\n")
            .append("\n(found by scheduler instance ").append(instanceId).append(")\n");
        return new OverdueAlert("labour-reporting: OVERDUE " + names, text.toString());
    }
}
