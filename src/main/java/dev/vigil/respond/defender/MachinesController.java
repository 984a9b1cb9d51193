package dev.vigil.respond.defender;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/defender/{tenant}/machines…}: Defender's devices for analysts. Every call is audited with
 * the request id Vigil sent to Defender ({@code client-request-id}), also returned as {@code
 * X-Defender-Request-Id}.
 */
@RestController
class MachinesController {

    static final String REQUEST_ID = "X-Defender-Request-Id";

    private final DefenderDevices devices;
    private final DefenderTenants tenants;
    private final AuditLog audit;

    MachinesController(DefenderDevices devices, DefenderTenants tenants, AuditLog audit) {
        this.devices = devices;
        this.tenants = tenants;
        this.audit = audit;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/machines")
    ResponseEntity<List<Machine>> list(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String ip,
            @RequestParam(defaultValue = "100") int top,
            Authentication who,
            HttpServletRequest request) {
        if ((filter != null ? 1 : 0) + (name != null ? 1 : 0) + (ip != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give at most one of 'filter', 'name' and 'ip'");
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (filter != null) details.put("filter", shortened(filter));
        if (name != null) details.put("name", shortened(name));
        if (ip != null) details.put("ip", shortened(ip));
        return audited(who, request, "defender.machines.list", tenant, "defender:" + tenant, details, id -> {
            if (name != null) return devices.findByNamePrefix(tenant, name, top, id);
            if (ip != null) return devices.findByIp(tenant, ip, top, id);
            return devices.list(tenant, filter, top, id);
        });
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/machines/{id}")
    ResponseEntity<Machine> machine(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return audited(
                who,
                request,
                "defender.machines.get",
                tenant,
                "machine:" + id,
                Map.of(),
                requestId -> devices.get(tenant, id, requestId));
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/machines/{id}/logonusers")
    ResponseEntity<List<LogonUser>> logonUsers(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return audited(
                who,
                request,
                "defender.machines.logonusers",
                tenant,
                "machine:" + id,
                Map.of(),
                requestId -> devices.logonUsers(tenant, id, requestId));
    }

    /** Runs the call with a fresh request id and records who did what, where, and how it ended. */
    private <T> ResponseEntity<T> audited(
            Authentication who,
            HttpServletRequest request,
            String action,
            String tenant,
            String target,
            Map<String, String> details,
            Function<String, T> call) {
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID, requestId);
        Map<String, String> recorded = new LinkedHashMap<>(details);
        recorded.put("tenant", tenant);
        recorded.put("request_id", requestId);
        T result;
        try {
            if (!tenants.contains(tenant)) {
                throw new UnknownTenant(tenant);
            }
            result = call.apply(requestId);
        } catch (RuntimeException e) {
            recorded.put("error", errorOf(e));
            record(who, request, action, target, AuditOutcome.FAILURE, recorded);
            throw e;
        }
        if (result instanceof List<?> items) {
            recorded.put("count", Integer.toString(items.size()));
        }
        record(who, request, action, target, AuditOutcome.SUCCESS, recorded);
        return ResponseEntity.ok().header(REQUEST_ID, requestId).body(result);
    }

    private void record(
            Authentication who,
            HttpServletRequest request,
            String action,
            String target,
            AuditOutcome outcome,
            Map<String, String> details) {
        audit.record(new AuditEntry(
                who.getName(),
                action,
                target,
                outcome,
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT),
                details));
    }

    static String errorOf(RuntimeException e) {
        if (e instanceof DefenderApiError api) {
            return api.status() + " " + api.code();
        }
        if (e instanceof TokenRequestFailed token) {
            return "token " + token.aadsts();
        }
        if (e instanceof DefenderUnavailable) {
            return "unavailable";
        }
        if (e instanceof MalformedDefenderResponse) {
            return "malformed response";
        }
        if (e instanceof UnknownTenant) {
            return "unknown tenant";
        }
        return e instanceof IllegalArgumentException
                ? "bad request"
                : e.getClass().getSimpleName();
    }

    private static String shortened(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    @ExceptionHandler
    ProblemDetail unknownTenant(UnknownTenant e) {
        return problem(HttpStatus.NOT_FOUND, "defender-tenant-unknown", "Unknown Defender tenant", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail defenderRefused(DefenderApiError e, HttpServletRequest request) {
        // Defender's 404 is the caller's 404 (no such machine); every other refusal is a bad gateway.
        HttpStatus status = e.status() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
        ProblemDetail problem = problem(
                status,
                "defender-error",
                "Defender refused the request",
                e.defenderMessage().isBlank() ? e.code() : e.defenderMessage(),
                request);
        problem.setProperty("tenant", e.tenant());
        problem.setProperty("defenderStatus", e.status());
        problem.setProperty("defenderCode", e.code());
        problem.setProperty("defenderMessage", e.defenderMessage());
        if (e.correlationId() != null) {
            problem.setProperty("correlationId", e.correlationId());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail tokenFailed(TokenRequestFailed e, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY, "defender-token-failed", "Entra ID refused a token", e.getMessage(), request);
        problem.setProperty("tenant", e.tenant());
        if (e.aadsts() != null) {
            problem.setProperty("aadsts", e.aadsts());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unavailable(DefenderUnavailable e, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY, "defender-unavailable", "Defender unavailable", e.getMessage(), request);
        problem.setProperty("tenant", e.tenant());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail malformed(MalformedDefenderResponse e, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY,
                "defender-malformed-response",
                "Defender answered something unreadable",
                e.getMessage(),
                request);
        problem.setProperty("tenant", e.tenant());
        return problem;
    }

    private static ProblemDetail problem(
            HttpStatus status, String type, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = problem(status, type, title, detail);
        if (request.getAttribute(REQUEST_ID) instanceof String requestId) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:vigil:problem:" + type));
        problem.setTitle(title);
        return problem;
    }

    /** A tenant name that is not configured. */
    static final class UnknownTenant extends RuntimeException {
        UnknownTenant(String tenant) {
            super("no Defender tenant '" + tenant + "' is configured");
        }
    }
}
