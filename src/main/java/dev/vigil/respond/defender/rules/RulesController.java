package dev.vigil.respond.defender.rules;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderEndpoint;
import dev.vigil.respond.defender.DefenderProblems;
import dev.vigil.respond.defender.approval.ApprovalGate;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/defender/{tenant}/rules…}: custom detection rules. Analysts read; engineers create, change,
 * enable, disable and restore from a backup; only admins delete. Every change needs a reason; every call is
 * audited with the request id sent to Graph, also returned as {@code X-Defender-Request-Id}.
 */
@RestController
@DefenderEndpoint
class RulesController {

    private static final String RULES = "/api/v1/defender/{tenant}/rules";

    private final DetectionRules rules;
    private final DefenderCalls calls;
    private final ApprovalGate gate;
    private final JsonMapper json = JsonMapper.builder().build();

    RulesController(DetectionRules rules, DefenderCalls calls, ApprovalGate gate) {
        this.rules = rules;
        this.calls = calls;
        this.gate = gate;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(RULES)
    ResponseEntity<List<JsonNode>> list(@PathVariable String tenant, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.rules.list",
                        tenant,
                        "defender:" + tenant,
                        Map.of(),
                        id -> rules.list(tenant, id))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(RULES + "/{id}")
    ResponseEntity<ObjectNode> get(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.rules.get",
                        tenant,
                        target(id),
                        Map.of(),
                        requestId -> rules.get(tenant, id, requestId))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(RULES)
    ResponseEntity<ObjectNode> create(
            @PathVariable String tenant,
            @RequestBody RuleChange change,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = details(change.reason());
        details.put(
                "displayName",
                DefenderCalls.shortened(
                        change.rule() == null
                                ? null
                                : change.rule().path("displayName").asString(null)));
        DefenderCalls.Outcome<ObjectNode> outcome =
                calls.run(who, request, "defender.rules.create", tenant, "defender:" + tenant, details, requestId -> {
                    RuleReason.checked(change.reason());
                    RuleActions.checkMayWrite(who, java.util.Collections.singletonList(change.rule()));
                    ObjectNode created = rules.create(tenant, change.rule(), requestId);
                    details.put("rule_id", created.path("id").asString());
                    return created;
                });
        return outcome.status(HttpStatus.CREATED);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PatchMapping(RULES + "/{id}")
    ResponseEntity<ObjectNode> update(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody RuleChange change,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = details(change.reason());
        return calls.run(who, request, "defender.rules.update", tenant, target(id), details, requestId -> {
                    RuleReason.checked(change.reason());
                    // The change, and the rule it changes: a new query decides whom its actions hit.
                    RuleActions.checkMayWrite(
                            who, java.util.Arrays.asList(change.rule(), rules.get(tenant, id, requestId)));
                    return rules.update(tenant, id, change.rule(), requestId);
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(RULES + "/{id}/enable")
    ResponseEntity<ObjectNode> enable(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody RuleReason reason,
            Authentication who,
            HttpServletRequest request) {
        return setEnabled(tenant, id, true, reason, who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(RULES + "/{id}/disable")
    ResponseEntity<ObjectNode> disable(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody RuleReason reason,
            Authentication who,
            HttpServletRequest request) {
        return setEnabled(tenant, id, false, reason, who, request);
    }

    private ResponseEntity<ObjectNode> setEnabled(
            String tenant,
            String id,
            boolean enabled,
            RuleReason reason,
            Authentication who,
            HttpServletRequest request) {
        String action = enabled ? "defender.rules.enable" : "defender.rules.disable";
        return calls.run(who, request, action, tenant, target(id), details(reason.reason()), requestId -> {
                    RuleReason.checked(reason.reason());
                    if (enabled) {
                        RuleActions.checkMayWrite(who, List.of(rules.get(tenant, id, requestId)));
                    }
                    return rules.setEnabled(tenant, id, enabled, requestId);
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_ADMIN)
    @DeleteMapping(RULES + "/{id}")
    ResponseEntity<?> delete(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(defaultValue = "false") boolean preview,
            Authentication who,
            HttpServletRequest request) {
        if (gate.intercepts("rule-delete", preview)) {
            return gate.previewOrHold(
                    "rule-delete",
                    tenant,
                    target(id),
                    json.createObjectNode().put("id", id).put("reason", reason),
                    reason,
                    preview,
                    who,
                    request,
                    () -> {
                        RuleReason.checked(reason);
                        DetectionRules.checkedId(id);
                    });
        }
        DefenderCalls.Outcome<Boolean> outcome =
                calls.run(who, request, "defender.rules.delete", tenant, target(id), details(reason), requestId -> {
                    RuleReason.checked(reason);
                    rules.delete(tenant, id, requestId);
                    return true;
                });
        return ResponseEntity.noContent()
                .header(DefenderProblems.REQUEST_ID, outcome.requestId())
                .build();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(RULES + "/backup")
    ResponseEntity<RuleBackup> backup(@PathVariable String tenant, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.rules.backup",
                        tenant,
                        "defender:" + tenant,
                        new LinkedHashMap<>(),
                        requestId -> rules.backup(tenant, requestId))
                .ok();
    }

    /** What a restore did: counts, and one outcome per rule of the backup, in its order. */
    record RestoreAnswer(
            boolean dryRun, int created, int updated, int unchanged, int failed, List<RestoreOutcome> results) {

        static RestoreAnswer of(boolean dryRun, List<RestoreOutcome> results) {
            return new RestoreAnswer(
                    dryRun,
                    count(results, RestoreOutcome.Result.CREATED),
                    count(results, RestoreOutcome.Result.UPDATED),
                    count(results, RestoreOutcome.Result.UNCHANGED),
                    count(results, RestoreOutcome.Result.FAILED),
                    results);
        }

        private static int count(List<RestoreOutcome> results, RestoreOutcome.Result result) {
            return (int) results.stream().filter(r -> r.result() == result).count();
        }
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(RULES + "/restore")
    ResponseEntity<RestoreAnswer> restore(
            @PathVariable String tenant,
            @RequestBody RuleRestore backup,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = details(backup.reason());
        details.put("dry_run", Boolean.toString(backup.isDryRun()));
        if (backup.tenant() != null) details.put("backup_tenant", DefenderCalls.shortened(backup.tenant()));
        if (backup.takenAt() != null)
            details.put("backup_taken_at", backup.takenAt().toString());
        return calls.run(who, request, "defender.rules.restore", tenant, "defender:" + tenant, details, requestId -> {
                    RuleReason.checked(backup.reason());
                    if (backup.rules() == null) {
                        throw new InvalidRule("rules", "required: the rules of a backup");
                    }
                    if (backup.rules().size() > DetectionRules.MAX_RULES) {
                        throw new InvalidRule("rules", "at most " + DetectionRules.MAX_RULES);
                    }
                    if (!backup.isDryRun()) {
                        RuleActions.checkMayWrite(who, backup.rules());
                    }
                    RestoreAnswer answer = RestoreAnswer.of(
                            backup.isDryRun(), rules.restore(tenant, backup.rules(), backup.isDryRun(), requestId));
                    details.put("created", Integer.toString(answer.created()));
                    details.put("updated", Integer.toString(answer.updated()));
                    details.put("unchanged", Integer.toString(answer.unchanged()));
                    details.put("failed", Integer.toString(answer.failed()));
                    return answer;
                })
                .ok();
    }

    private static Map<String, String> details(@Nullable String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(reason));
        return details;
    }

    private static String target(String id) {
        return "rule:" + DefenderCalls.shortened(id);
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidRule e, HttpServletRequest request) {
        ProblemDetail problem = DefenderProblems.problem(
                HttpStatus.BAD_REQUEST, "defender-rule-invalid", "Invalid detection rule", e.getMessage(), request);
        problem.setProperty("field", e.field());
        return problem;
    }

    /** A rule's KQL and fields are the caller's: Graph's 400 about them is the caller's 400. */
    @ExceptionHandler
    ProblemDetail defenderRefused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, true);
    }

    @ExceptionHandler
    ProblemDetail needsAdmin(RuleActions.NeedsAdmin e, HttpServletRequest request) {
        return DefenderProblems.problem(
                HttpStatus.FORBIDDEN,
                "defender-rule-needs-admin",
                "Only an admin may do this",
                e.getMessage(),
                request);
    }
}
