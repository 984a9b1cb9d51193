package dev.vigil.access.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Authorises a request by what its handler method declares ({@code @RequiresPermission} or
 * {@code @PublicEndpoint}), looked up the way the dispatcher will look it up. Fails closed: a handler that
 * declares nothing is refused to everyone. A request no handler method answers (a 404, a 405, an
 * actuator endpoint) needs an authenticated caller and nothing more.
 */
final class EndpointPermissions implements AuthorizationManager<RequestAuthorizationContext> {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final Map<Method, EndpointRule> rules = new ConcurrentHashMap<>();

    EndpointPermissions(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** A refusal that says what was missing, for the 403 problem document. */
    static final class Denied extends AuthorizationDecision {
        private final String reason;

        Denied(String reason) {
            super(false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
        HandlerMethod handler = handlerFor(context.getRequest());
        Authentication caller = authentication.get();
        boolean authenticated = trust.isAuthenticated(caller);
        if (handler == null) {
            return new AuthorizationDecision(authenticated);
        }
        EndpointRule rule = rules.computeIfAbsent(handler.getMethod(), m -> EndpointRule.of(handler));
        if (rule instanceof EndpointRule.Open) {
            return new AuthorizationDecision(true);
        }
        if (!(rule instanceof EndpointRule.Needs needs)) {
            return new Denied("this endpoint declares no permission");
        }
        if (!authenticated) {
            return new AuthorizationDecision(false);
        }
        boolean holds = Objects.requireNonNull(caller).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(needs.permission().authority()::equals);
        return holds
                ? new AuthorizationDecision(true)
                : new Denied("this request needs the permission "
                        + needs.permission().id());
    }

    /**
     * The handler method the dispatcher will pick. The mapping stores what it matched in request attributes;
     * they are put back as they were, so the real dispatch starts from a clean request.
     */
    private @Nullable HandlerMethod handlerFor(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return null;
        }
        Map<String, Object> before = attributes(request);
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        try {
            if (!parsed) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (Exception noMatch) {
            // The path matched but the method or media type did not: the dispatcher answers 405 or 415.
            return null;
        } finally {
            for (String name : Collections.list(request.getAttributeNames())) {
                if (!before.containsKey(name)) {
                    request.removeAttribute(name);
                }
            }
            before.forEach(request::setAttribute);
        }
    }

    private static Map<String, Object> attributes(HttpServletRequest request) {
        Map<String, Object> attributes = new HashMap<>();
        for (String name : Collections.list(request.getAttributeNames())) {
            attributes.put(name, request.getAttribute(name));
        }
        return attributes;
    }
}
