package dev.vigil.access.web;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.AuditLog;
import dev.vigil.access.KeyCheck;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>}. A request with a wrong key is refused here; one
 * without a key goes on, and the authorisation rules refuse it unless the endpoint is open.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final ProblemResponses problems;
    private final AuditLog audit;

    ApiKeyAuthenticationFilter(ApiKeys keys, ProblemResponses problems, AuditLog audit) {
        this.keys = keys;
        this.problems = problems;
        this.audit = audit;
    }

    /** A signed request is not refused for a key it does not need; its handler checks the signature. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SignedRequests.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String presented = header.substring(BEARER.length()).trim();
        KeyCheck check = keys.check(presented);
        if (!(check instanceof KeyCheck.Accepted accepted)) {
            KeyCheck.Reason reason = ((KeyCheck.Refused) check).reason();
            RequestAudits.keyRefused(audit, request, presented, reason.message());
            problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    reason == KeyCheck.Reason.EXPIRED ? "key-expired" : "unauthenticated",
                    "Unauthenticated",
                    reason.message());
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(accepted.principal()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
