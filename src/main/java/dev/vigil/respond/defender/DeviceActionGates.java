package dev.vigil.respond.defender;

import dev.vigil.access.Permission;
import dev.vigil.respond.defender.approval.GatedOperation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The destructive device actions as {@link GatedOperation}s: isolate, offboard and stop-and-quarantine. A
 * preview names each device as Defender knows it now (name, platform, health, last seen, risk, group), who is
 * logged on to it, and what Vigil already runs there, so an approver sees whose work stops.
 */
final class DeviceActionGates {

    private final DeviceResponse response;
    private final DefenderDevices devices;
    private final JsonMapper json = JsonMapper.builder().build();

    DeviceActionGates(DeviceResponse response, DefenderDevices devices) {
        this.response = response;
        this.devices = devices;
    }

    /** The request body a gated device action is held with. */
    static ObjectNode request(
            JsonMapper json, @Nullable String machineId, @Nullable String scope, @Nullable String comment) {
        ObjectNode request = json.createObjectNode();
        request.put("machineId", machineId);
        if (scope != null) {
            request.put("type", scope);
        }
        request.put("comment", comment);
        return request;
    }

    GatedOperation single(String name, ActionKind kind, Permission permission, String effect) {
        return new GatedOperation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Permission permission() {
                return permission;
            }

            @Override
            public JsonNode preview(String tenant, JsonNode request, String requestId) {
                ObjectNode preview =
                        json.createObjectNode().put("operation", name).put("effect", effect);
                if (request.hasNonNull("type")) {
                    preview.put("type", request.get("type").asString());
                }
                preview.putArray("devices")
                        .add(device(tenant, request.path("machineId").asString(), requestId));
                return preview;
            }

            @Override
            public Object execute(String tenant, JsonNode request, String requestedBy, String requestId) {
                String machineId = request.path("machineId").asString();
                DefenderMachineActions.checkedMachine(machineId);
                var asked = new DefenderMachineActions.Request(
                        kind,
                        request.hasNonNull("type") ? request.get("type").asString() : null,
                        null,
                        request.path("comment").asString(""));
                return response.start(tenant, machineId, asked, requestedBy, requestId);
            }
        };
    }

    GatedOperation stopAndQuarantine() {
        return new GatedOperation() {
            @Override
            public String name() {
                return "stop-and-quarantine";
            }

            @Override
            public Permission permission() {
                return Permission.DEFENDER_RESPOND;
            }

            @Override
            public JsonNode preview(String tenant, JsonNode request, String requestId) {
                ObjectNode preview = json.createObjectNode()
                        .put("operation", name())
                        .put("effect", "stops every process running the file and quarantines it on each device")
                        .put("sha1", request.path("sha1").asString());
                ArrayNode listed = preview.putArray("devices");
                for (JsonNode id : request.path("machineIds")) {
                    listed.add(device(tenant, id.asString(), requestId));
                }
                return preview;
            }

            @Override
            public Object execute(String tenant, JsonNode request, String requestedBy, String requestId) {
                List<String> machineIds = new ArrayList<>();
                request.path("machineIds").forEach(id -> machineIds.add(id.asString()));
                return ActionsController.quarantineEach(
                        response,
                        tenant,
                        request.path("sha1").asString(),
                        machineIds,
                        request.path("comment").asString(""),
                        requestedBy,
                        requestId);
            }
        };
    }

    /** One device as the preview shows it; a device Defender does not know says so instead of failing. */
    private ObjectNode device(String tenant, String machineId, String requestId) {
        ObjectNode node = json.createObjectNode().put("machineId", machineId);
        Machine machine;
        try {
            machine = devices.get(tenant, machineId, requestId);
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                return node.put("found", false);
            }
            throw e;
        }
        node.put("found", true)
                .put("computerDnsName", machine.computerDnsName())
                .put("osPlatform", machine.osPlatform())
                .put("healthStatus", machine.healthStatus())
                .put(
                        "lastSeen",
                        machine.lastSeen() == null ? null : machine.lastSeen().toString())
                .put("lastIpAddress", machine.lastIpAddress())
                .put("riskScore", machine.riskScore())
                .put("rbacGroupName", machine.rbacGroupName());
        ArrayNode users = node.putArray("loggedOnUsers");
        devices.logonUsers(tenant, machineId, requestId).forEach(u -> users.add(json.valueToTree(u)));
        ArrayNode running = node.putArray("actionsRunning");
        response.active(tenant, machineId).forEach(running::add);
        return node;
    }
}
