package dev.vigil.access.session;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Sign-ins, refusals, locks and sign-outs, to the audit log. A refusal names the login tried and why (for the
 * admins who read the log; the caller only ever sees one generic message); a password never appears.
 */
@Component
class LoginAudit {

    private static final int MAX_USER_AGENT = 256;

    private final ObjectProvider<AuditLog> log;

    LoginAudit(ObjectProvider<AuditLog> log) {
        this.log = log;
    }

    void signedIn(SignedInUser user, String method, HttpServletRequest request) {
        record(
                user.getName(),
                "login.success",
                user.getName(),
                AuditOutcome.SUCCESS,
                request,
                Map.of("method", method));
    }

    void refused(LoginOutcome.Refused refused, HttpServletRequest request) {
        String target = "user:" + refused.login();
        String reason = refused.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        record("anonymous", "login.failed", target, AuditOutcome.FAILURE, request, Map.of("reason", reason));
        if (refused.lockedUntil() != null) {
            record(
                    "anonymous",
                    "login.locked",
                    target,
                    AuditOutcome.DENIED,
                    request,
                    Map.of("until", refused.lockedUntil().toString()));
        }
    }

    void signedOut(SignedInUser user, HttpServletRequest request) {
        record(user.getName(), "logout", user.getName(), AuditOutcome.SUCCESS, request, Map.of());
    }

    private void record(
            String actor,
            String action,
            String target,
            AuditOutcome outcome,
            HttpServletRequest request,
            Map<String, String> details) {
        log.ifAvailable(audit -> audit.record(
                new AuditEntry(actor, action, target, outcome, request.getRemoteAddr(), userAgent(request), details)));
    }

    private static @Nullable String userAgent(HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        return agent == null || agent.length() <= MAX_USER_AGENT ? agent : agent.substring(0, MAX_USER_AGENT);
    }
}
