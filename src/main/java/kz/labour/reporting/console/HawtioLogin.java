package kz.labour.reporting.console;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import jakarta.servlet.ServletContext;

import io.hawt.system.ConfigManager;
import io.hawt.web.auth.AuthenticationConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.security.authentication.jaas.SecurityContextLoginModule;

/**
 * Tells Hawtio that Spring Security logs its users in, the way its own Spring Boot integration does
 * when the {@code hawtio-springboot-security} module is present (it is not served for Hawtio 4.2.0):
 * Hawtio's authentication stays on, takes the user Spring Security authenticated (its login page,
 * HTTP basic) through Spring's {@link SecurityContextLoginModule}, and runs each Jolokia call as that
 * user's JAAS subject, which is how the application MBean's operations learn who called them (the
 * ledger's {@code requested_by}: {@code jmx:<user>}). Hawtio's own role check is left off
 * ({@code hawtio.roles} empty): Spring Security admits only the console's users, and
 * {@link ConsoleRestrictor} decides per MBean what each role may do.
 *
 * <p>Hawtio keeps this configuration in an attribute of the servlet context, created the first time
 * it is asked for; this initializer runs before Hawtio's context listener and creates it, so Hawtio
 * finds it in place (and the listener does not look for the missing module).
 */
final class HawtioLogin implements ServletContextInitializer {

    private final ObjectProvider<ConfigManager> hawtioConfig;

    HawtioLogin(ObjectProvider<ConfigManager> hawtioConfig) {
        this.hawtioConfig = hawtioConfig;
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        ConfigManager config = hawtioConfig.getIfAvailable();
        if (config == null) {
            return; // the console is off: Hawtio is not there
        }
        servletContext.setAttribute(ConfigManager.CONFIG_MANAGER, config);
        AuthenticationConfiguration authentication = AuthenticationConfiguration.getConfiguration(servletContext);
        authentication.setSpringSecurityEnabled(true);
        authentication.setConfiguration(new SpringSecurityJaas());
    }

    /** Every Hawtio realm is Spring Security's current login. */
    static final class SpringSecurityJaas extends Configuration {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry(SecurityContextLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
        }
    }
}
