package dev.vigil.access.web;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Audit entries about HTTP requests: who (the authenticated name), from where (remote address, user agent). */
final class RequestAudits {

    private static final Logger log = LoggerFactory.getLogger(RequestAudits.class);
    /** How much of a refused API key is kept: enough to tell a typo from a probe, too little to help guess. */
    static final int KEY_SHOWN = 8;

    private RequestAudits() {}

    static String actor(@Nullable Authentication authentication) {
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return "anonymous";
        }
        // key:<uuid> for API keys, user:<name> for sessions: each authentication names itself that way.
        return authentication.getName();
    }

    static AuditEntry entry(
            HttpServletRequest request,
            String actor,
            String action,
            @Nullable String target,
            AuditOutcome outcome,
            Map<String, String> details) {
        return new AuditEntry(
                actor,
                action,
                target,
                outcome,
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT),
                details);
    }

    /**
     * Records a request refused for a missing or wrong CSRF token. The CSRF check runs before the request
     * audit filter, so it is recorded here, with the session's user as the actor.
     */
    static void csrfRefused(AuditLog audit, HttpServletRequest request) {
        recordQuietly(
                audit,
                entry(
                        request,
                        actor(SecurityContextHolder.getContext().getAuthentication()),
                        "http." + request.getMethod().toLowerCase(Locale.ROOT),
                        request.getRequestURI(),
                        AuditOutcome.DENIED,
                        Map.of("status", "403", "reason", "csrf token missing or invalid")),
                request);
    }

    /** Records a refused API key; only its first {@value #KEY_SHOWN} characters are kept. */
    static void keyRefused(AuditLog audit, HttpServletRequest request, String presentedKey, String reason) {
        String shown = presentedKey.substring(0, Math.min(KEY_SHOWN, presentedKey.length()));
        recordQuietly(
                audit,
                entry(
                        request,
                        "anonymous",
                        "auth.failed",
                        shown,
                        AuditOutcome.DENIED,
                        Map.of("reason", reason, "path", request.getRequestURI())),
                request);
    }

    /**
     * A request's answer has been given by the time it is audited; if the database refuses the entry, the
     * failure is logged (without the entry's details) rather than turned into an error for the client.
     */
    static void recordQuietly(AuditLog audit, AuditEntry entry, HttpServletRequest request) {
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            log.error(
                    "Could not write the audit entry for {} {} ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getClass().getSimpleName());
        }
    }
}
