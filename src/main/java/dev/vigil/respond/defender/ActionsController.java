package dev.vigil.respond.defender;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.approval.ApprovalGate;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/defender/{tenant}/…} device response: start actions on devices (202 for a new action, 200
 * with {@code existing: true} when the same action already runs there), list, get and cancel actions, and the
 * investigation package's link. Every call is audited like {@link MachinesController}'s, with the comment.
 */
@RestController
@DefenderEndpoint
class ActionsController {

    private static final String BASE = "/api/v1/defender/{tenant}";

    private final DeviceResponse response;
    private final DefenderCalls calls;
    private final ApprovalGate gate;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Defender's failures become the same problems here as for the device reads. */
    ActionsController(DeviceResponse response, DefenderCalls calls, ApprovalGate gate) {
        this.response = response;
        this.calls = calls;
        this.gate = gate;
    }

    /** {@code type}: Full or Selective (isolate), Quick or Full (scan). */
    record ScopedBody(@Nullable String type, @Nullable String comment) {}

    record CommentBody(@Nullable String comment) {}

    record QuarantineBody(
            @Nullable List<String> machineIds, @Nullable String comment) {}

    /** One device of a stop-and-quarantine: the action, or why it could not be started there. */
    record DeviceResult(
            String machineId,
            @Nullable MachineAction action,
            boolean existing,
            @Nullable String error) {}

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/isolate")
    ResponseEntity<?> isolate(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody ScopedBody body,
            @RequestParam(defaultValue = "false") boolean preview,
            Authentication who,
            HttpServletRequest request) {
        if (gate.intercepts("isolate", preview)) {
            return held("isolate", tenant, id, ActionKind.ISOLATE, body.type(), body.comment(), preview, who, request);
        }
        return start(tenant, id, ActionKind.ISOLATE, body.type(), body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/unisolate")
    ResponseEntity<DeviceResponse.Started> unisolate(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody CommentBody body,
            Authentication who,
            HttpServletRequest request) {
        return start(tenant, id, ActionKind.UNISOLATE, null, body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/scan")
    ResponseEntity<DeviceResponse.Started> scan(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody ScopedBody body,
            Authentication who,
            HttpServletRequest request) {
        return start(tenant, id, ActionKind.SCAN, body.type(), body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/restrict")
    ResponseEntity<DeviceResponse.Started> restrict(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody CommentBody body,
            Authentication who,
            HttpServletRequest request) {
        return start(tenant, id, ActionKind.RESTRICT, null, body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/unrestrict")
    ResponseEntity<DeviceResponse.Started> unrestrict(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody CommentBody body,
            Authentication who,
            HttpServletRequest request) {
        return start(tenant, id, ActionKind.UNRESTRICT, null, body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/collect")
    ResponseEntity<DeviceResponse.Started> collect(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody CommentBody body,
            Authentication who,
            HttpServletRequest request) {
        return start(tenant, id, ActionKind.COLLECT, null, body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_ADMIN)
    @PostMapping(BASE + "/machines/{id}/offboard")
    ResponseEntity<?> offboard(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody CommentBody body,
            @RequestParam(defaultValue = "false") boolean preview,
            Authentication who,
            HttpServletRequest request) {
        if (gate.intercepts("offboard", preview)) {
            return held("offboard", tenant, id, ActionKind.OFFBOARD, null, body.comment(), preview, who, request);
        }
        return start(tenant, id, ActionKind.OFFBOARD, null, body.comment(), who, request);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/files/{sha1}/stop-and-quarantine")
    ResponseEntity<?> stopAndQuarantine(
            @PathVariable String tenant,
            @PathVariable String sha1,
            @RequestBody QuarantineBody body,
            @RequestParam(defaultValue = "false") boolean preview,
            Authentication who,
            HttpServletRequest request) {
        List<String> machineIds = body.machineIds() == null ? List.of() : body.machineIds();
        if (gate.intercepts("stop-and-quarantine", preview)) {
            ObjectNode held = json.createObjectNode().put("sha1", sha1).put("comment", body.comment());
            machineIds.forEach(held.putArray("machineIds")::add);
            return gate.previewOrHold(
                    "stop-and-quarantine",
                    tenant,
                    "file:" + sha1,
                    held,
                    body.comment(),
                    preview,
                    who,
                    request,
                    () -> checkQuarantine(sha1, machineIds, body.comment()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("machines", String.join(",", machineIds));
        details.put("comment", DefenderCalls.shortened(body.comment()));
        DefenderCalls.Outcome<List<DeviceResult>> outcome = calls.run(
                who, request, "defender.actions.stop-and-quarantine", tenant, "file:" + sha1, details, requestId -> {
                    checkQuarantine(sha1, machineIds, body.comment());
                    List<DeviceResult> each = quarantineEach(
                            response, tenant, sha1, machineIds, body.comment(), who.getName(), requestId);
                    details.put(
                            "actions",
                            String.join(
                                    ",",
                                    each.stream()
                                            .map(r -> r.action() == null
                                                    ? "error"
                                                    : r.action().id())
                                            .toList()));
                    return each;
                });
        boolean anyNew = outcome.value().stream().anyMatch(r -> r.action() != null && !r.existing());
        return outcome.status(anyNew ? HttpStatus.ACCEPTED : HttpStatus.OK);
    }

    private static void checkQuarantine(String sha1, List<String> machineIds, @Nullable String comment) {
        if (machineIds.isEmpty() || machineIds.size() > 100) {
            throw new IllegalArgumentException("'machineIds' must name 1 to 100 devices");
        }
        machineIds.forEach(DefenderMachineActions::checkedMachine);
        new DefenderMachineActions.Request(ActionKind.STOP_AND_QUARANTINE, null, sha1, comment == null ? "" : comment);
    }

    /** Starts the action on each device; one device refusing (offline, unknown) does not stop the others. */
    static List<DeviceResult> quarantineEach(
            DeviceResponse response,
            String tenant,
            String sha1,
            List<String> machineIds,
            @Nullable String comment,
            String requestedBy,
            String requestId) {
        var asked = new DefenderMachineActions.Request(
                ActionKind.STOP_AND_QUARANTINE, null, sha1, comment == null ? "" : comment);
        List<DeviceResult> each = new ArrayList<>();
        for (String machineId : machineIds) {
            try {
                var started = response.start(tenant, machineId, asked, requestedBy, requestId);
                each.add(new DeviceResult(machineId, started.action(), started.existing(), null));
            } catch (DefenderException e) {
                each.add(new DeviceResult(machineId, null, false, e.getMessage()));
            }
        }
        return each;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(BASE + "/actions")
    ResponseEntity<List<MachineAction>> list(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String machineId,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "100") int top,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        if (machineId != null) details.put("machineId", DefenderCalls.shortened(machineId));
        if (type != null) details.put("type", DefenderCalls.shortened(type));
        if (status != null) details.put("status", DefenderCalls.shortened(status));
        return calls.run(
                        who,
                        request,
                        "defender.actions.list",
                        tenant,
                        "defender:" + tenant,
                        details,
                        requestId -> response.list(tenant, machineId, type, status, top, requestId))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(BASE + "/actions/{id}")
    ResponseEntity<MachineAction> get(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.actions.get",
                        tenant,
                        "action:" + id,
                        new LinkedHashMap<>(),
                        requestId -> response.get(tenant, id, requestId))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/actions/{id}/cancel")
    ResponseEntity<MachineAction> cancel(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody CommentBody body,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("comment", DefenderCalls.shortened(body.comment()));
        return calls.run(who, request, "defender.actions.cancel", tenant, "action:" + id, details, requestId -> {
                    MachineAction cancelled =
                            response.cancel(tenant, id, body.comment() == null ? "" : body.comment(), requestId);
                    details.put("status", cancelled.status());
                    return cancelled;
                })
                .ok();
    }

    /** The investigation package's link: forensic data, so for those who may respond, not every reader. */
    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @GetMapping(BASE + "/actions/{id}/package-uri")
    ResponseEntity<Map<String, String>> packageUri(
            @PathVariable String tenant, @PathVariable String id, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.actions.package-uri",
                        tenant,
                        "action:" + id,
                        new LinkedHashMap<>(),
                        requestId -> Map.of("uri", response.packageUri(tenant, id, requestId)))
                .ok();
    }

    /** A gated device action previewed, or held for a second person: checked now, run once approved. */
    private ResponseEntity<Object> held(
            String operation,
            String tenant,
            String machineId,
            ActionKind kind,
            @Nullable String scope,
            @Nullable String comment,
            boolean preview,
            Authentication who,
            HttpServletRequest request) {
        return gate.previewOrHold(
                operation,
                tenant,
                "machine:" + machineId,
                DeviceActionGates.request(json, machineId, scope, comment),
                comment,
                preview,
                who,
                request,
                () -> {
                    new DefenderMachineActions.Request(kind, scope, null, comment == null ? "" : comment);
                    DefenderMachineActions.checkedMachine(machineId);
                });
    }

    private ResponseEntity<DeviceResponse.Started> start(
            String tenant,
            String machineId,
            ActionKind kind,
            @Nullable String scope,
            @Nullable String comment,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        if (scope != null) details.put("scope", DefenderCalls.shortened(scope));
        details.put("comment", DefenderCalls.shortened(comment));
        String name = "defender.actions." + kind.name().toLowerCase(Locale.ROOT);
        DefenderCalls.Outcome<DeviceResponse.Started> outcome =
                calls.run(who, request, name, tenant, "machine:" + machineId, details, requestId -> {
                    var asked = new DefenderMachineActions.Request(kind, scope, null, comment == null ? "" : comment);
                    DefenderMachineActions.checkedMachine(machineId);
                    var result = response.start(tenant, machineId, asked, who.getName(), requestId);
                    details.put("action_id", result.action().id());
                    details.put("existing", Boolean.toString(result.existing()));
                    return result;
                });
        return outcome.status(outcome.value().existing() ? HttpStatus.OK : HttpStatus.ACCEPTED);
    }
}
