package dev.vigil.respond.defender.incidents;

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
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/defender/{tenant}/incidents…}: Defender XDR incidents through Graph. Analysts read; engineers
 * update (with a reason) and comment. Every call is audited with the request id sent to Graph, also returned
 * as {@code X-Defender-Request-Id}.
 */
@RestController
@DefenderEndpoint
class IncidentsController {

    private final GraphIncidents incidents;
    private final DefenderCalls calls;

    IncidentsController(GraphIncidents incidents, DefenderCalls calls) {
        this.incidents = incidents;
        this.calls = calls;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/incidents")
    ResponseEntity<List<JsonNode>> list(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String assignedTo,
            @RequestParam(required = false) @Nullable String createdAfter,
            @RequestParam(defaultValue = "100") int top,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("top", Integer.toString(top));
        if (status != null) details.put("status", DefenderCalls.shortened(status));
        if (severity != null) details.put("severity", DefenderCalls.shortened(severity));
        if (assignedTo != null) details.put("assignedTo", DefenderCalls.shortened(assignedTo));
        if (createdAfter != null) details.put("createdAfter", DefenderCalls.shortened(createdAfter));
        return calls.run(
                        who,
                        request,
                        "defender.incidents.list",
                        tenant,
                        "defender:" + tenant,
                        details,
                        id -> incidents.list(
                                tenant, IncidentFilter.of(status, severity, assignedTo, createdAfter), top, id))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/incidents/{id}")
    ResponseEntity<ObjectNode> get(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.incidents.get",
                        tenant,
                        "incident:" + DefenderCalls.shortened(id),
                        Map.of(),
                        requestId -> incidents.get(tenant, id, requestId))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PatchMapping("/api/v1/defender/{tenant}/incidents/{id}")
    ResponseEntity<ObjectNode> update(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody IncidentUpdate change,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(change.reason()));
        return calls.run(
                        who,
                        request,
                        "defender.incidents.update",
                        tenant,
                        "incident:" + DefenderCalls.shortened(id),
                        details,
                        requestId -> {
                            change.checkedReason();
                            ObjectNode body = change.graphBody();
                            details.put("changed", DefenderCalls.shortened(body.toString()));
                            return incidents.update(tenant, id, body, requestId);
                        })
                .ok();
    }

    /**
     * Engineer-level, like updates: a comment is written into the tenant's Defender record for everyone to see
     * and Graph offers no way to take it back.
     */
    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping("/api/v1/defender/{tenant}/incidents/{id}/comments")
    ResponseEntity<List<JsonNode>> comment(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody IncidentComment comment,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("comment", DefenderCalls.shortened(comment.comment()));
        return calls.run(
                        who,
                        request,
                        "defender.incidents.comment",
                        tenant,
                        "incident:" + DefenderCalls.shortened(id),
                        details,
                        requestId -> incidents.comment(tenant, id, comment.checked(), requestId))
                .ok();
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidIncidentRequest e, HttpServletRequest request) {
        ProblemDetail problem = DefenderProblems.problem(
                HttpStatus.BAD_REQUEST,
                "defender-incident-invalid",
                "Invalid incident request",
                e.getMessage(),
                request);
        problem.setProperty("field", e.field());
        return problem;
    }

    /** Graph's or Defender's 400 answers what the caller asked for (a status or classification it refuses). */
    @ExceptionHandler
    ProblemDetail refused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, true);
    }
}
