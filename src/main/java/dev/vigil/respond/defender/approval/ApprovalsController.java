package dev.vigil.respond.defender.approval;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderEndpoint;
import dev.vigil.respond.defender.DefenderProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/defender/{tenant}/approvals}: the held destructive operations, and a second person's approval
 * (which runs the operation) or rejection. Deciding needs the held operation's own permission as well (admin
 * for offboarding), checked by {@link Approvals}.
 */
@RestController
@DefenderEndpoint
class ApprovalsController {

    private static final String BASE = "/api/v1/defender/{tenant}/approvals";

    private final Approvals approvals;
    private final DefenderCalls calls;

    ApprovalsController(Approvals approvals, DefenderCalls calls) {
        this.approvals = approvals;
        this.calls = calls;
    }

    record Decision(@Nullable String comment) {}

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(BASE)
    ResponseEntity<List<Approval>> list(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "100") int limit,
            Authentication who,
            HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.approvals.list",
                        tenant,
                        "defender:" + tenant,
                        new LinkedHashMap<>(),
                        id -> approvals.list(tenant, status, limit))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(BASE + "/{id}")
    ResponseEntity<Approval> get(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.approvals.get",
                        tenant,
                        "approval:" + id,
                        new LinkedHashMap<>(),
                        requestId -> approvals.get(tenant, uuid(id)))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/{id}/approve")
    ResponseEntity<Approval> approve(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody Decision body,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("comment", DefenderCalls.shortened(body.comment()));
        return calls.run(who, request, "defender.approvals.approve", tenant, "approval:" + id, details, requestId -> {
                    Approval done = approvals.approve(tenant, uuid(id), Approver.of(who), body.comment(), requestId);
                    details.put("operation", done.operation());
                    details.put("operation_target", done.target());
                    details.put("requested_by", done.requestedBy());
                    return done;
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/{id}/reject")
    ResponseEntity<Approval> reject(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody Decision body,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("comment", DefenderCalls.shortened(body.comment()));
        return calls.run(
                        who,
                        request,
                        "defender.approvals.reject",
                        tenant,
                        "approval:" + id,
                        details,
                        requestId -> approvals.reject(tenant, uuid(id), Approver.of(who), body.comment()))
                .ok();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("approval id must be a UUID");
        }
    }

    /** Graph's or Defender's 400 answers what the caller asked for (a status or classification it refuses). */
    @ExceptionHandler
    ProblemDetail refused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, true);
    }
}
