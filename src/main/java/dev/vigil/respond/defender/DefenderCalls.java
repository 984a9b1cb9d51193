package dev.vigil.respond.defender;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every call Vigil makes to Defender or Graph on someone's behalf goes through here: the tenant is checked, a
 * fresh request id is sent to Microsoft as {@code client-request-id}, and the audit log records who did what,
 * in which tenant, to what, with that request id and how it ended. The API, the CLI and Slack buttons share it.
 */
@Component
public class DefenderCalls {

    private final DefenderTenants tenants;
    private final AuditLog audit;

    DefenderCalls(DefenderTenants tenants, AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    /** Who asked, from where, with what: an API caller, the CLI's operator or a Slack user. */
    public record Caller(
            String name, @Nullable String address, @Nullable String userAgent) {

        public static Caller of(Authentication who, HttpServletRequest request) {
            return new Caller(who.getName(), request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        }
    }

    /** What a call answered, with the request id it was sent with (returned as {@code X-Defender-Request-Id}). */
    public record Outcome<T>(String requestId, T value) {

        /** {@code 200} with the value, and the request id as {@code X-Defender-Request-Id}. */
        public ResponseEntity<T> ok() {
            return status(HttpStatus.OK);
        }

        public ResponseEntity<T> status(HttpStatus status) {
            return ResponseEntity.status(status)
                    .header(DefenderProblems.REQUEST_ID, requestId)
                    .body(value);
        }
    }

    /** An HTTP caller's call: also leaves the request id on the request, for the problem document if it fails. */
    public <T> Outcome<T> run(
            Authentication who,
            HttpServletRequest request,
            String action,
            String tenant,
            String target,
            Map<String, String> details,
            Function<String, T> call) {
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(DefenderProblems.REQUEST_ID, requestId);
        return run(Caller.of(who, request), requestId, action, tenant, target, details, call);
    }

    /**
     * Runs the call with a fresh request id and audits it. {@code details} may still be added to by the call
     * (ids it created, say); a list result also records its size.
     */
    public <T> Outcome<T> run(
            Caller caller,
            String action,
            String tenant,
            String target,
            Map<String, String> details,
            Function<String, T> call) {
        return run(caller, UUID.randomUUID().toString(), action, tenant, target, details, call);
    }

    private <T> Outcome<T> run(
            Caller caller,
            String requestId,
            String action,
            String tenant,
            String target,
            Map<String, String> details,
            Function<String, T> call) {
        T result;
        try {
            if (!tenants.contains(tenant)) {
                throw new UnknownTenant(tenant);
            }
            result = call.apply(requestId);
        } catch (RuntimeException e) {
            Map<String, String> recorded = recorded(details, tenant, requestId);
            recorded.put("error", DefenderProblems.errorOf(e));
            record(caller, action, target, AuditOutcome.FAILURE, recorded);
            throw e;
        }
        Map<String, String> recorded = recorded(details, tenant, requestId);
        if (result instanceof List<?> items) {
            recorded.put("count", Integer.toString(items.size()));
        }
        record(caller, action, target, AuditOutcome.SUCCESS, recorded);
        return new Outcome<>(requestId, result);
    }

    /** Records an event of the toolkit that is not itself a call (an approval given, say). */
    public void record(Caller caller, String action, String target, AuditOutcome outcome, Map<String, String> details) {
        audit.record(
                new AuditEntry(caller.name(), action, target, outcome, caller.address(), caller.userAgent(), details));
    }

    private static Map<String, String> recorded(Map<String, String> details, String tenant, String requestId) {
        Map<String, String> recorded = new LinkedHashMap<>(details);
        recorded.put("tenant", tenant);
        recorded.put("request_id", requestId);
        return recorded;
    }

    /** A value short enough for the audit log (queries, filters, comments). */
    public static String shortened(@Nullable String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }
}
