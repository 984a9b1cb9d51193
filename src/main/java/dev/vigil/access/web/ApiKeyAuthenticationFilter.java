package dev.vigil.access.web;

import dev.vigil.access.ApiKeyPrincipal;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyPrincipal> principal =
                keys.authenticate(header.substring(BEARER.length()).trim());
        if (principal.isEmpty()) {
            RequestAudits.keyRefused(
                    audit, request, header.substring(BEARER.length()).trim());
            problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "unauthenticated",
                    "Unauthenticated",
                    "the API key is not valid or has been revoked");
            return;
        }
        var authority =
                new SimpleGrantedAuthority("ROLE_" + principal.get().role().name());
        var authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal.get(), null, List.of(authority));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
