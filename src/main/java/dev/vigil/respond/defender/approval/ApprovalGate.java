package dev.vigil.respond.defender.approval;

import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of a gated endpoint: {@code ?preview=true} answers what the request would affect and whether
 * it would wait for approval, changing nothing; a request whose operation must wait is held and answered 202
 * with the approval. Both are audited like the operation itself.
 */
public class ApprovalGate {

    private final Approvals approvals;
    private final DefenderCalls calls;

    ApprovalGate(Approvals approvals, DefenderCalls calls) {
        this.approvals = approvals;
        this.calls = calls;
    }

    /** Whether the endpoint must preview or hold instead of acting now. */
    public boolean intercepts(String operation, boolean previewOnly) {
        return previewOnly || approvals.required(operation);
    }

    /** What a preview answers: the operation, whether it would wait for a second person, and what it affects. */
    public record Preview(String operation, boolean approvalRequired, JsonNode preview) {}

    /**
     * Previews or holds. {@code validate} checks the request first, so a request that could never run is
     * refused now rather than approved later.
     */
    public ResponseEntity<Object> previewOrHold(
            String operation,
            String tenant,
            String target,
            JsonNode body,
            @Nullable String reason,
            boolean previewOnly,
            Authentication who,
            HttpServletRequest request,
            Runnable validate) {
        return previewOrHold(operation, tenant, target, body, reason, previewOnly, true, who, request, validate);
    }

    /**
     * As above, for an endpoint whose requests fall under the operation only sometimes (an import that blocks
     * nothing is not a bulk block): {@code gated} says whether this one does, which the preview reports.
     */
    public ResponseEntity<Object> previewOrHold(
            String operation,
            String tenant,
            String target,
            JsonNode body,
            @Nullable String reason,
            boolean previewOnly,
            boolean gated,
            Authentication who,
            HttpServletRequest request,
            Runnable validate) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("reason", DefenderCalls.shortened(reason));
        String action = "defender.approvals." + (previewOnly ? "preview" : "hold");
        DefenderCalls.Outcome<Object> outcome = calls.run(who, request, action, tenant, target, details, requestId -> {
            validate.run();
            if (previewOnly) {
                return new Preview(
                        operation,
                        gated && approvals.required(operation),
                        approvals.preview(operation, tenant, body, requestId));
            }
            Approval held = approvals.hold(
                    operation, tenant, target, body, reason == null ? "" : reason, Approver.of(who), requestId);
            details.put("approval_id", held.id().toString());
            return held;
        });
        return ResponseEntity.status(previewOnly ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .header(DefenderProblems.REQUEST_ID, outcome.requestId())
                .body(outcome.value());
    }
}
