package kz.labour.reporting.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import kz.labour.reporting.LabourReportingApplication;

/**
 * A test of the whole application context against real databases: the test class supplies the
 * databases through {@code @DynamicPropertySource} (see {@link TestPostgres}); the clock is fixed
 * at 2025-07-15 in the reporting zone unless the class imports another. The schedule and JMX are
 * off (Spring Boot's test support switches spring.jmx off by itself).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(classes = LabourReportingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "reporting.schedule.enabled=false",
                "reporting.org.bin=" + TestOrganisation.BIN,
                "reporting.org.name=" + TestOrganisation.NAME,
                "reporting.org.address=" + TestOrganisation.ADDRESS,
                "reporting.org.phone=" + TestOrganisation.PHONE,
                "reporting.org.email=" + TestOrganisation.EMAIL,
                "reporting.org.executor=" + TestOrganisation.EXECUTOR,
                "reporting.org.head=" + TestOrganisation.HEAD,
                // a delivering run refuses addresses that cannot work before it reads anything; tests that
                // deliver bring their own servers and addresses (DeliveryEnvironment overrides these)
                "delivery.mail.from=pipeline@inspection.test.kz",
                "delivery.mail.to=bureau@stat.test.kz",
                "source.datasource.username=postgres",
                "pipeline.datasource.username=postgres",
                // contexts cached side by side in one JVM would clash in the platform MBean server;
                // JMX is tested by OperatorJmxIntegrationTest on an instance of its own
                "camel.main.jmx-enabled=false",
        })
@Import(FixedClock.class)
public @interface PipelineTest {
}
