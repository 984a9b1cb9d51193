package dev.vigil.respond.defender;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defender's machine actions (external-apis §2.3-2.4) as plain calls: start one on a device, list, get and
 * cancel actions, and the investigation package's download link. Starting counts against the machine-action
 * quota; reading against the general one.
 */
public final class DefenderMachineActions {

    static final Pattern SHA1 = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern ACTION_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    /** A 40-hex device id or a computer DNS name; anything else never reaches a URL path. */
    static final Pattern MACHINE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final DefenderHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    public DefenderMachineActions(DefenderHttp http) {
        this.http = http;
    }

    /** What to start: the action, its scope (isolation or scan type) or file, and the comment Defender keeps. */
    public record Request(
            ActionKind kind,
            @Nullable String scope,
            @Nullable String sha1,
            String comment) {

        public Request {
            if (comment == null || comment.isBlank()) {
                throw new IllegalArgumentException("'comment' is required: say why");
            }
            if (kind.scopeKey() != null && (scope == null || !kind.scopes().contains(scope))) {
                throw new IllegalArgumentException("'type' must be one of "
                        + kind.scopes().stream().sorted().toList());
            }
            if (kind == ActionKind.STOP_AND_QUARANTINE
                    && (sha1 == null || !SHA1.matcher(sha1).matches())) {
                throw new IllegalArgumentException("'sha1' must be 40 hexadecimal digits");
            }
        }
    }

    public MachineAction start(String tenant, String machineId, Request request, String requestId) {
        ObjectNode body = json.createObjectNode().put("Comment", request.comment());
        if (request.kind().scopeKey() != null) {
            body.put(request.kind().scopeKey(), request.scope());
        }
        if (request.sha1() != null) {
            body.put("Sha1", request.sha1().toLowerCase(Locale.ROOT));
        }
        String path = "api/machines/" + checkedMachine(machineId) + "/"
                + request.kind().path();
        return action(tenant, http.send(call(tenant, DefenderQuota.MACHINE_ACTIONS, "POST", path, body, requestId)));
    }

    /** Actions matching all the filters given (null: any), newest first as Defender orders them. */
    public List<MachineAction> list(
            String tenant,
            @Nullable String machineId,
            @Nullable String type,
            @Nullable String status,
            int top,
            String requestId) {
        if (top < 1 || top > DefenderDevices.MAX_TOP) {
            throw new IllegalArgumentException("'top' must be between 1 and " + DefenderDevices.MAX_TOP);
        }
        List<String> clauses = new ArrayList<>();
        if (machineId != null) clauses.add("machineId eq '" + checkedMachine(machineId) + "'");
        if (type != null) clauses.add("type eq '" + ActionKind.ofType(type).type() + "'");
        if (status != null) {
            if (!MachineAction.STATUSES.contains(status)) {
                throw new IllegalArgumentException("'status' must be one of " + MachineAction.STATUSES);
            }
            clauses.add("status eq '" + status + "'");
        }
        return http.list(
                tenant,
                "api/machineactions",
                clauses.isEmpty() ? null : String.join(" and ", clauses),
                top,
                MachineAction.class,
                requestId);
    }

    public MachineAction get(String tenant, String actionId, String requestId) {
        return action(
                tenant,
                http.send(call(
                        tenant,
                        DefenderQuota.GENERAL,
                        "GET",
                        "api/machineactions/" + checkedAction(actionId),
                        null,
                        requestId)));
    }

    public MachineAction cancel(String tenant, String actionId, String comment, String requestId) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("'comment' is required: say why");
        }
        ObjectNode body = json.createObjectNode().put("Comment", comment);
        return action(
                tenant,
                http.send(call(
                        tenant,
                        DefenderQuota.GENERAL,
                        "POST",
                        "api/machineactions/" + checkedAction(actionId) + "/cancel",
                        body,
                        requestId)));
    }

    /** The short-lived download link of a completed investigation package, without the quotes Defender adds. */
    public String packageUri(String tenant, String actionId, String requestId) {
        JsonNode body = http.send(call(
                tenant,
                DefenderQuota.PACKAGE_URI,
                "GET",
                "api/machineactions/" + checkedAction(actionId) + "/GetPackageUri",
                null,
                requestId));
        if (body == null || !body.path("value").isString()) {
            throw new MalformedDefenderResponse(
                    tenant, "Defender answered GetPackageUri without a 'value'", new IllegalStateException("no value"));
        }
        String value = body.path("value").asString().strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private MachineAction action(String tenant, @Nullable JsonNode body) {
        if (body == null) {
            throw new MalformedDefenderResponse(
                    tenant, "Defender answered a machine action with no body", new IllegalStateException("empty"));
        }
        return http.read(tenant, body, MachineAction.class);
    }

    private static DefenderHttp.Call call(
            String tenant, DefenderQuota quota, String method, String path, @Nullable JsonNode body, String requestId) {
        return new DefenderHttp.Call(tenant, DefenderApi.DEFENDER, quota, method, path, body, requestId);
    }

    public static String checkedMachine(String machineId) {
        if (!MACHINE_ID.matcher(machineId).matches()) {
            throw new IllegalArgumentException("'id' must be a Defender device id");
        }
        return machineId;
    }

    public static String checkedAction(String actionId) {
        if (!ACTION_ID.matcher(actionId).matches()) {
            throw new IllegalArgumentException("'id' must be a Defender machine action id");
        }
        return actionId;
    }
}
