package dev.vigil.access.web;

import dev.vigil.access.ApiKeyPrincipal;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

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
        // Until keys authenticate with a name of their own, "key:<id>" as the shared convention says.
        if (authentication.getPrincipal() instanceof ApiKeyPrincipal key) {
            return "key:" + key.keyId();
        }
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

    /** Records a refused API key; only its first {@value #KEY_SHOWN} characters are kept. */
    static void keyRefused(AuditLog audit, HttpServletRequest request, String presentedKey) {
        String shown = presentedKey.substring(0, Math.min(KEY_SHOWN, presentedKey.length()));
        recordQuietly(
                audit,
                entry(
                        request,
                        "anonymous",
                        "auth.failed",
                        shown,
                        AuditOutcome.DENIED,
                        Map.of("reason", "API key not valid or revoked", "path", request.getRequestURI())),
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
