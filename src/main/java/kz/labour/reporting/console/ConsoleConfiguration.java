package kz.labour.reporting.console;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.hawt.system.ConfigManager;
import org.jolokia.support.spring.actuator.JolokiaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.ledger.DeliveryHistory;
import kz.labour.reporting.receipts.ReceiptBook;
import kz.labour.reporting.transmission.RecentFailures;
import kz.labour.reporting.schedule.Deadlines;
import kz.labour.reporting.schedule.ScheduleSettings;

/**
 * The service's HTTP port behind Spring Security (docs/operators-guide.md, "The console"): health and
 * info open to all; Hawtio at {@code /actuator/hawtio} with its login page, Jolokia at
 * {@code /actuator/jolokia} and the metrics at {@code /actuator/prometheus} with HTTP basic for
 * scripts, only for the console's users; everything else only after logging in. Without a console
 * user ({@link ConsoleSettings}) the console, Jolokia and the metrics are not served at all
 * ({@link ConsoleEnvironment}). Only in the service: the one-shot commands start no web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ConsoleSettings.class, JolokiaProperties.class})
class ConsoleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleConfiguration.class);
    private static final String REALM = "labour-reporting";

    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The console's users, checked at start-up; none is no user at all (never a generated default one). */
    @Bean
    InMemoryUserDetailsManager consoleUsers(ConsoleSettings settings, PasswordEncoder encoder) {
        List<UserDetails> users = settings.users(encoder).stream()
                .map(u -> User.withUsername(u.name()).password(u.password())
                        .roles(u.role().granted().stream().map(ConsoleRole::id).toArray(String[]::new)).build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleSettings settings, WebEndpointProperties endpoints)
            throws Exception {
        String base = endpoints.getBasePath();
        RequestMatcher console = path(base + "/hawtio/**");
        http.authorizeHttpRequests(authorize -> {
            // Spring Boot's error page, for whatever status a request ended with
            authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
            authorize.requestMatchers(path(base + "/health"), path(base + "/health/**"), path(base + "/info")).permitAll();
            if (settings.configured()) {
                // what a monitor may do in Jolokia, and what only an operator, ConsoleRestrictor decides per MBean
                authorize.anyRequest().hasRole(ConsoleRole.MONITOR.id());
            } else {
                // not served without a user (ConsoleEnvironment): let the request find nothing there (404)
                authorize.requestMatchers(console, path(base + "/jolokia/**"), path(base + "/prometheus")).permitAll();
                authorize.anyRequest().denyAll();
            }
        });
        if (!settings.configured()) {
            return http.csrf(csrf -> csrf.disable()).build(); // nothing to log in to, nothing to forge
        }
        // Not logged in: for a script (anything not asking for a page) an HTTP basic challenge; for the
        // console's own Jolokia calls a bare 401 (Hawtio then shows the login again: a basic challenge
        // would make the browser ask for a password and remember it); for a page the login page.
        // The first of these is also the default.
        RequestMatcher page = page();
        RequestMatcher notPage = new NegatedRequestMatcher(page);
        http.exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(basicChallenge(), new AndRequestMatcher(notPage, new NegatedRequestMatcher(console)))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), new AndRequestMatcher(notPage, console)))
                .formLogin(form -> form.defaultSuccessUrl(base + "/hawtio/", false))
                .httpBasic(basic -> basic.realmName(REALM))
                // Hawtio's page reads the token from the XSRF-TOKEN cookie and sends it back as the
                // X-XSRF-TOKEN header on every Jolokia POST; scripts using HTTP basic carry no cookie and need none
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie())
                        .csrfTokenRequestHandler(new HawtioCsrfTokenHandler())
                        .ignoringRequestMatchers(ConsoleConfiguration::httpBasic))
                .addFilterAfter(new CsrfCookieFilter(console), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** A browser asking for a page (not Jolokia's JSON, not a script's any-type). */
    private static RequestMatcher page() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    private static AuthenticationEntryPoint basicChallenge() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        return basic;
    }

    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    private static boolean httpBasic(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    HawtioLogin hawtioLogin(ObjectProvider<ConfigManager> hawtioConfig) {
        return new HawtioLogin(hawtioConfig);
    }

    /** Jolokia with the console's policy (Jolokia's own endpoint is excluded in application.yml). */
    @Bean
    @ConditionalOnAvailableEndpoint(endpoint = ConsoleJolokiaEndpoint.class)
    ConsoleJolokiaEndpoint consoleJolokiaEndpoint(@Value("${camel.main.name}") String camelContext,
                                                  @Value("${reporting.jmx.object-name}") String applicationMBean,
                                                  JolokiaProperties jolokia) {
        return new ConsoleJolokiaEndpoint(new ConsoleRestrictor(new JolokiaPolicy(camelContext, applicationMBean)),
                Map.copyOf(jolokia.getConfig()));
    }

    /** The business gauges, only where something scrapes them. */
    @Bean
    @ConditionalOnAvailableEndpoint(endpoint = PrometheusScrapeEndpoint.class)
    ReportingMetrics reportingMetrics(DeliveryHistory history, Deadlines deadlines, RecentFailures failures,
                                      ReportingSettings settings, ScheduleSettings schedule, Clock clock, ReceiptBook receipts) {
        return new ReportingMetrics(new ReportingFacts(history, deadlines, failures, settings, schedule, clock, receipts));
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent ready) {
        ConsoleSettings settings = ready.getApplicationContext().getBean(ConsoleSettings.class);
        if (settings.configured()) {
            log.info("console: Hawtio at /actuator/hawtio/, Jolokia at /actuator/jolokia, metrics at /actuator/prometheus, "
                    + "for {}", settings.describeUsers());
        } else {
            log.warn("console: off, no CONSOLE_MONITOR_USER or CONSOLE_OPERATOR_USER is set, so Hawtio (/actuator/hawtio), "
                    + "Jolokia (/actuator/jolokia) and the metrics (/actuator/prometheus) are not served. To turn them on, set "
                    + "CONSOLE_MONITOR_USER and CONSOLE_MONITOR_PASSWORD (reads), and/or CONSOLE_OPERATOR_USER and "
                    + "CONSOLE_OPERATOR_PASSWORD (also runs the application's operations); see docs/operators-guide.md");
        }
    }

    /** Hawtio's page sends the raw token from the cookie; Spring's own login form the masked one it rendered. */
    static final class HawtioCsrfTokenHandler extends CsrfTokenRequestAttributeHandler {
        private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            masked.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            return StringUtils.hasText(request.getHeader(token.getHeaderName()))
                    ? super.resolveCsrfTokenValue(request, token)
                    : masked.resolveCsrfTokenValue(request, token);
        }
    }

    /** Writes the XSRF-TOKEN cookie on the console's pages, where Hawtio reads it. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        private final RequestMatcher console;

        CsrfCookieFilter(RequestMatcher console) {
            this.console = console;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (console.matches(request) && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken(); // loading the deferred token is what writes the cookie
            }
            chain.doFilter(request, response);
        }
    }
}
