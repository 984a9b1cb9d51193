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

    /** Devices a stop-and-quarantine preview describes in detail (two reads each); the rest are listed by id. */
    static final int DETAILED = 10;

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
                ArrayNode more = json.createArrayNode();
                for (JsonNode id : request.path("machineIds")) {
                    // Two reads a device against the general quota: the first few in detail, the rest by id.
                    if (listed.size() < DETAILED) {
                        listed.add(device(tenant, id.asString(), requestId));
                    } else {
                        more.add(id.asString());
                    }
                }
                if (!more.isEmpty()) {
                    preview.set("moreDevices", more);
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
        List<LogonUser> users;
        try {
            machine = devices.get(tenant, machineId, requestId);
            users = devices.logonUsers(tenant, machineId, requestId);
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                return node.put("found", false);
            }
            return node.put("error", DefenderProblems.errorOf(e));
        } catch (DefenderException e) {
            // One device Defender cannot describe now does not stop the preview of the others.
            return node.put("error", DefenderProblems.errorOf(e));
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
        ArrayNode loggedOn = node.putArray("loggedOnUsers");
        users.forEach(u -> loggedOn.add(json.valueToTree(u)));
        ArrayNode running = node.putArray("actionsRunning");
        response.active(tenant, machineId).forEach(running::add);
        return node;
    }
}
