package bench.empty;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts and stops: the floor under any one-shot command of the same stack. Started like
 * labour-reporting's one-shot commands (no web server, no banner, no start-up info); its arguments
 * are ignored, so the project's launcher can start it with {@code transmit ...} and pick the same
 * JVM flags.
 */
@SpringBootApplication
public class EmptyApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(EmptyApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("spring.main.log-startup-info", "false",
                "logging.level.org.springframework.boot.SpringApplication", "off"));
        app.run().close();
        System.exit(0);
    }
}
