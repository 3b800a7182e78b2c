package kz.labour.reporting.support;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import kz.labour.reporting.LabourReportingApplication;

/**
 * One running instance of the service, as a test starts and stops it: the whole application with
 * the given settings (highest precedence, as command-line arguments), the fixed clock of
 * {@link FixedClock}, and test doubles wired into Camel.
 * Used where a test needs the schedule running, several instances at once, or to stop an instance
 * in the middle of something; {@code @PipelineTest} covers the rest.
 *
 * <p>JMX is off unless a test turns it on: instances in one JVM share the platform MBean server.
 */
public final class Instance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private Instance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static Instance start(String source, String pipeline, String outbox, Map<String, String> settings,
                                 CamelContextConfiguration... camel) {
        return start(WebApplicationType.NONE, source, pipeline, outbox, settings, camel);
    }

    /** The service with its web server (actuator over HTTP); set server.port to 0 for a free port. */
    public static Instance startWithWeb(String source, String pipeline, String outbox, Map<String, String> settings,
                                        CamelContextConfiguration... camel) {
        return start(WebApplicationType.SERVLET, source, pipeline, outbox, settings, camel);
    }

    private static Instance start(WebApplicationType web, String source, String pipeline, String outbox,
                                  Map<String, String> settings, CamelContextConfiguration... camel) {
        Map<String, String> all = new LinkedHashMap<>();
        all.putAll(TestOrganisation.properties());
        all.put("source.datasource.url", source);
        all.put("source.datasource.username", "postgres");
        all.put("pipeline.datasource.url", pipeline);
        all.put("pipeline.datasource.username", "postgres");
        all.put("reporting.outbox", outbox);
        all.put("spring.jmx.enabled", "false");
        all.put("camel.main.jmx-enabled", "false");
        all.put("reporting.schedule.startup-catch-up-delay", "0");
        // addresses a delivering run accepts (it refuses unusable ones before reading anything)
        all.put("delivery.mail.from", "pipeline@inspection.test.kz");
        all.put("delivery.mail.to", "bureau@stat.test.kz");
        all.putAll(settings);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LabourReportingApplication.class)
                .web(web)
                .initializers(ctx -> {
                    // FixedClock's own bean, registered by hand: as a source its class name would clash with its method's
                    ((GenericApplicationContext) ctx).registerBean("fixedClock", Clock.class,
                            () -> Clock.fixed(FixedClock.NOW, ZoneOffset.UTC), definition -> definition.setPrimary(true));
                    int i = 0;
                    for (CamelContextConfiguration c : camel) {
                        ((GenericApplicationContext) ctx).registerBean("testCamelStubs" + i++, CamelContextConfiguration.class, () -> c);
                    }
                })
                .run(args.toArray(String[]::new));
        return new Instance(context);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public CamelContext camel() {
        return context.getBean(CamelContext.class);
    }

    public ProducerTemplate producer() {
        return context.getBean(ProducerTemplate.class);
    }

    public DataSource pipeline() {
        return context.getBean("pipelineDataSource", DataSource.class);
    }

    /** The web server's port, when started with one. */
    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
