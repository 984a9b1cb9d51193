package dev.vigil.access.web;

import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits every state-changing request (POST, PUT, PATCH, DELETE) once it has been answered: who, which path
 * (never the query string, which can hold secrets), the status and what it means. It sits in the security
 * chain after authentication and before the authorisation decision, so requests refused for want of a
 * credential or a role are audited too, with the caller's name when there is one.
 */
final class RequestAuditFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog audit;

    RequestAuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // An exception escaping here becomes a 500 further out, whatever status is set now.
            int status = failed ? 500 : response.getStatus();
            RequestAudits.recordQuietly(
                    audit,
                    RequestAudits.entry(
                            request,
                            RequestAudits.actor(
                                    SecurityContextHolder.getContext().getAuthentication()),
                            "http." + request.getMethod().toLowerCase(Locale.ROOT),
                            request.getRequestURI(),
                            outcome(status),
                            Map.of("status", Integer.toString(status))),
                    request);
        }
    }

    static AuditOutcome outcome(int status) {
        if (status >= 200 && status < 400) {
            return AuditOutcome.SUCCESS;
        }
        if (status == 401 || status == 403 || status == 429) {
            return AuditOutcome.DENIED;
        }
        return AuditOutcome.FAILURE;
    }
}
