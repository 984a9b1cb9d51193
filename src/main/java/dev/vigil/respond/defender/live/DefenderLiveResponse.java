package dev.vigil.respond.defender.live;

import dev.vigil.respond.defender.DefenderApi;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderMachineActions;
import dev.vigil.respond.defender.DefenderQuota;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defender's live-response calls on the shared {@link DefenderHttp} (external-apis §2.5): start a session
 * under the live-response quota; read its action, a command's result link and the library under the general one.
 */
final class DefenderLiveResponse {

    private final DefenderHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    DefenderLiveResponse(DefenderHttp http) {
        this.http = http;
    }

    /** One library file: a script or a file to put, as {@code GET api/libraryfiles} lists it (shape UNCONFIRMED). */
    record LibraryFile(
            String fileName,
            @Nullable String description,
            @Nullable Boolean hasParameters,
            @Nullable String parametersDescription,
            @Nullable String createdBy,
            @Nullable String lastUpdatedTime) {}

    /** Defender's body: {@code Comment} and {@code Commands}, each {@code type} with {@code params} of key/value. */
    ObjectNode body(LiveRequest request) {
        ObjectNode body = json.createObjectNode().put("Comment", request.comment());
        body.set("Commands", commands(request.commands()));
        return body;
    }

    ArrayNode commands(List<LiveCommand> commands) {
        ArrayNode array = json.createArrayNode();
        for (LiveCommand command : commands) {
            ObjectNode item = array.addObject().put("type", command.type().name());
            ArrayNode params = item.putArray("params");
            params.addObject().put("key", command.type().paramKey()).put("value", command.target());
            if (command.args() != null) {
                params.addObject().put("key", "Args").put("value", command.args());
            }
        }
        return array;
    }

    /** A device id safe in a URL path, or a bad request. */
    static String checkedMachine(String machineId) {
        return DefenderMachineActions.checkedMachine(machineId);
    }

    LiveAction start(String tenant, String machineId, LiveRequest request, String requestId) {
        checkedMachine(machineId);
        JsonNode answer = http.send(call(
                        tenant,
                        DefenderQuota.LIVE_RESPONSE,
                        "POST",
                        "api/machines/" + machineId + "/runliveresponse",
                        body(request),
                        requestId)
                // Repeated after a lost answer, a session Defender did start would meet ActiveRequestAlreadyExists.
                .once());
        return action(tenant, answer);
    }

    LiveAction get(String tenant, String actionId, String requestId) {
        DefenderMachineActions.checkedAction(actionId);
        return action(
                tenant,
                http.send(
                        call(tenant, DefenderQuota.GENERAL, "GET", "api/machineactions/" + actionId, null, requestId)));
    }

    /** A command's short-lived (30 min) result link, without the quotes Defender may add. Secret: never logged. */
    String resultLink(String tenant, String actionId, int index, String requestId) {
        DefenderMachineActions.checkedAction(actionId);
        JsonNode body = http.send(call(
                tenant,
                DefenderQuota.GENERAL,
                "GET",
                "api/machineactions/" + actionId + "/GetLiveResponseResultDownloadLink(index=" + index + ")",
                null,
                requestId));
        if (body == null || !body.path("value").isString()) {
            throw new UnreadableAnswer("Defender answered the result link without a 'value'");
        }
        String value = body.path("value").asString().strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The tenant's library; fields Defender leaves out are null, entries without a name are skipped. */
    List<LibraryFile> library(String tenant, String requestId) {
        List<JsonNode> items;
        try {
            items = http.collect(
                    call(tenant, DefenderQuota.GENERAL, "GET", "api/libraryfiles", null, requestId), 10_000);
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
        List<LibraryFile> files = new ArrayList<>();
        for (JsonNode item : items) {
            String name = text(item, "fileName");
            if (name != null) {
                files.add(new LibraryFile(
                        name,
                        text(item, "description"),
                        item.path("hasParameters").isBoolean()
                                ? item.path("hasParameters").asBoolean()
                                : null,
                        text(item, "parametersDescription"),
                        text(item, "createdBy"),
                        text(item, "lastUpdatedTime")));
            }
        }
        return files;
    }

    private static @Nullable String text(JsonNode item, String field) {
        return item.path(field).isString() ? item.path(field).asString() : null;
    }

    private static LiveAction action(String tenant, @Nullable JsonNode body) {
        LiveAction action = LiveAction.read(body);
        if (action == null) {
            throw new UnreadableAnswer(
                    "Defender answered a live-response action Vigil cannot read (tenant " + tenant + ")");
        }
        return action;
    }

    private static DefenderHttp.Call call(
            String tenant, DefenderQuota quota, String method, String path, @Nullable JsonNode body, String requestId) {
        return new DefenderHttp.Call(tenant, DefenderApi.DEFENDER, quota, method, path, body, requestId);
    }
}
