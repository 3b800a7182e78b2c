package kz.labour.reporting.console;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

import javax.management.ObjectName;

import jakarta.servlet.http.HttpServletRequest;

import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Jolokia's access policy for the console: {@link JolokiaPolicy} applied to the request being served,
 * whose user and roles Spring Security has put on the thread, and to the HTTP request itself (its
 * method, its origin). Jolokia asks it before every read, call and listing.
 */
final class ConsoleRestrictor implements Restrictor {

    /** What a console request may be; notifications and writes are not among them. */
    private static final Set<RequestType> TYPES = EnumSet.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION, RequestType.EXEC);

    private final JolokiaPolicy policy;

    ConsoleRestrictor(JolokiaPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return true; // reads by GET or POST; calls are held to POST in isOperationAllowed
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return TYPES.contains(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return policy.mayRead(roles(), name);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return policy.mayWrite();
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        HttpServletRequest request = request();
        return policy.mayExec(roles(), request != null && "POST".equals(request.getMethod()), name, operation);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return !policy.reachable(name);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true; // who may connect at all is the network's and the login's business, not Jolokia's
    }

    /**
     * Only the console's own pages may call: a request that names another origin (a page on another
     * site, posting with the user's session or cached password) is refused, and no response ever
     * allows another origin to read it ({@code strict} false: the CORS headers).
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strict) {
        if (!strict) {
            return false;
        }
        if (origin == null) {
            return true; // scripts (curl, Prometheus) send none; browsers always do on a cross-site POST
        }
        HttpServletRequest request = request();
        return request != null && sameOrigin(origin, request);
    }

    static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin.strip());
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return request.getScheme().equalsIgnoreCase(uri.getScheme()) && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<ConsoleRole> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<ConsoleRole> roles = EnumSet.noneOf(ConsoleRole.class);
        if (authentication != null && authentication.isAuthenticated()) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                ConsoleRole.ofAuthority(authority.getAuthority()).ifPresent(roles::add);
            }
        }
        return roles;
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
