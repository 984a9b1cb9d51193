package dev.vigil.respond.defender.incidents;

import dev.vigil.respond.defender.DefenderApi;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderQuota;
import dev.vigil.respond.defender.MalformedDefenderResponse;
import dev.vigil.respond.defender.OData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's Defender XDR incidents through Microsoft Graph v1.0 (external-apis §3.2). Incidents are passed on
 * as Graph sends them (alerts and their evidence are polymorphic and grow new fields); Vigil checks only that
 * each is an object with an id. Every call asks for Graph's newer enum members ({@code awaitingAction}) rather
 * than {@code unknownFutureValue}.
 */
@Component("graphIncidents")
public class GraphIncidents {

    public static final int MAX_TOP = 1_000;

    /** Graph's incident ids are numeric strings; anything else never reaches a URL path. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

    private static final String PATH = "v1.0/security/incidents";
    private static final Map<String, String> PREFER = Map.of("Prefer", "include-unknown-enum-members");

    private final DefenderHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphIncidents(DefenderHttp http) {
        this.http = http;
    }

    /** Incidents matching the filter, newest first, at most {@code top}, across Graph's pages. */
    public List<JsonNode> list(String tenant, IncidentFilter filter, int top, String requestId) {
        if (top < 1 || top > MAX_TOP) {
            throw new InvalidIncidentRequest("top", "must be between 1 and " + MAX_TOP);
        }
        StringBuilder path = new StringBuilder(PATH).append("?$top=").append(top);
        String odata = filter.odata();
        if (odata != null) {
            path.append("&$filter=").append(OData.encode(odata));
        }
        List<JsonNode> incidents = http.collect(call(tenant, "GET", path.toString(), null, requestId), top);
        incidents.forEach(incident -> entity(tenant, incident));
        return incidents;
    }

    /** One incident with its alerts; Graph's 404 is the caller's. */
    public ObjectNode get(String tenant, String id, String requestId) {
        return entity(
                tenant,
                http.send(call(tenant, "GET", PATH + "/" + checkedId(id) + "?$expand=alerts", null, requestId)));
    }

    /** Applies the change and answers the incident as Graph now holds it. */
    public ObjectNode update(String tenant, String id, ObjectNode change, String requestId) {
        return entity(tenant, http.send(call(tenant, "PATCH", PATH + "/" + checkedId(id), change, requestId)));
    }

    /** Adds a comment and answers all the incident's comments, as Graph does. */
    public List<JsonNode> comment(String tenant, String id, String comment, String requestId) {
        ObjectNode body = json.createObjectNode()
                .put("@odata.type", "microsoft.graph.security.alertComment")
                .put("comment", comment);
        JsonNode answer = http.send(call(tenant, "POST", PATH + "/" + checkedId(id) + "/comments", body, requestId)
                .once());
        if (answer == null || !answer.path("value").isArray()) {
            throw new MalformedDefenderResponse(
                    tenant, "Graph answered a comment without the 'value' list", new IllegalStateException("value"));
        }
        List<JsonNode> comments = new ArrayList<>();
        answer.path("value").forEach(comments::add);
        return comments;
    }

    /** A Graph incident id, or a 400 before it reaches a URL. */
    public static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidIncidentRequest("id", "an incident id is a number");
        }
        return id;
    }

    private ObjectNode entity(String tenant, @Nullable JsonNode node) {
        if (!(node instanceof ObjectNode incident) || !incident.path("id").isString()) {
            throw new MalformedDefenderResponse(
                    tenant,
                    "Graph answered an incident that is not an object with an id",
                    new IllegalStateException("id"));
        }
        incident.remove("@odata.context");
        return incident;
    }

    private static DefenderHttp.Call call(
            String tenant, String method, String path, @Nullable JsonNode body, String requestId) {
        return new DefenderHttp.Call(
                tenant, DefenderApi.GRAPH, DefenderQuota.GRAPH_SECURITY, method, path, body, requestId, PREFER);
    }
}
