package dev.vigil.respond;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph beta's {@code /security/rules/detectionRules} on {@link FakeDefender}, as external-apis §3.5
 * describes it: list in pages of {@link #pageSize(int)} linked by {@code @odata.nextLink} with an opaque
 * {@code $skiptoken} (Vigil sends no {@code $filter}; any is a 400), get, POST 201 with the server-set fields
 * filled in, PATCH answering the updated rule (complex properties replaced whole), DELETE 204, 404 {@code
 * itemNotFound}, and 400 for a rule missing a required field or carrying an unknown property.
 */
public final class FakeDetectionRules {

    private static final String PREFIX = "/beta/security/rules/detectionRules";
    private static final Pattern ONE = Pattern.compile(PREFIX + "/([^/?]+)");
    private static final Set<String> WRITABLE =
            Set.of("displayName", "isEnabled", "queryCondition", "schedule", "detectionAction");
    private static final Set<String> SERVER_SET = Set.of(
            "id",
            "createdBy",
            "createdDateTime",
            "lastModifiedBy",
            "lastModifiedDateTime",
            "lastRunDetails",
            "detectorId");
    private static final Set<String> PERIODS = Set.of("0", "1H", "3H", "12H", "24H");
    private static final Set<String> SEVERITIES = Set.of("informational", "low", "medium", "high");

    private final FakeDefender fake;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ObjectNode> rules = new LinkedHashMap<>();
    private final Map<String, Integer> skipTokens = new ConcurrentHashMap<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private volatile int pageSize = 100;
    private int nextId = 5_100;

    public FakeDetectionRules(FakeDefender fake) {
        this.fake = fake;
        fake.route(PREFIX, "graph", this::answer);
    }

    public FakeDetectionRules pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** The rules as the fake holds them now, oldest first. */
    public synchronized List<JsonNode> rules() {
        return rules.values().stream().map(r -> (JsonNode) r.deepCopy()).toList();
    }

    /** Deletes a rule behind Vigil's back (in the portal, say). */
    public synchronized void remove(String id) {
        rules.remove(id);
    }

    /** Changes a rule's field behind Vigil's back. */
    public synchronized void set(String id, String field, JsonNode value) {
        rules.get(id).set(field, value);
    }

    /** Method and path of every write (POST, PATCH, DELETE), in order. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized void reset() {
        rules.clear();
        writes.clear();
        pageSize = 100;
    }

    private synchronized ResponseDefinition answer(Request request, String path) {
        String requestId = request.getHeader("client-request-id");
        String method = request.getMethod().getName();
        Map<String, String> query = FakeDefender.query(request.getUrl());
        if (!"GET".equals(method)) {
            writes.add(method + " " + path);
        }
        if (path.equals(PREFIX) && "GET".equals(method)) {
            return list(query, requestId);
        }
        if (path.equals(PREFIX) && "POST".equals(method)) {
            JsonNode body = body(request);
            String problem = problem(body, true);
            if (problem != null) {
                return fake.graphError(400, "BadRequest", problem, requestId);
            }
            String id = Integer.toString(nextId++);
            String now = Instant.now().toString();
            ObjectNode rule = json.createObjectNode().put("id", id);
            ((ObjectNode) body).properties().forEach(f -> {
                if (!SERVER_SET.contains(f.getKey()))
                    rule.set(f.getKey(), f.getValue().deepCopy());
            });
            if (!rule.has("isEnabled")) rule.put("isEnabled", true);
            rule.put("createdBy", "vigil@contoso.com")
                    .put("createdDateTime", now)
                    .put("lastModifiedBy", "vigil@contoso.com")
                    .put("lastModifiedDateTime", now)
                    .put("detectorId", UUID.randomUUID().toString());
            ((ObjectNode) rule.get("queryCondition")).put("lastModifiedDateTime", now);
            ((ObjectNode) rule.get("schedule")).put("nextRunDateTime", now);
            rule.putObject("lastRunDetails")
                    .putNull("lastRunDateTime")
                    .putNull("status")
                    .putNull("failureReason")
                    .putNull("errorCode");
            rules.put(id, rule);
            return fake.json(201, entity(rule));
        }
        Matcher one = ONE.matcher(path);
        if (!one.matches()) {
            return fake.graphError(400, "BadRequest", "Resource not found for the segment '" + path + "'.", requestId);
        }
        ObjectNode rule = rules.get(one.group(1));
        if (rule == null) {
            return fake.graphError(404, "itemNotFound", "Detection rule " + one.group(1) + " not found", requestId);
        }
        switch (method) {
            case "GET":
                return fake.json(200, entity(rule));
            case "DELETE":
                rules.remove(one.group(1));
                return ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(204)
                        .build();
            case "PATCH":
                JsonNode body = body(request);
                String problem = problem(body, false);
                if (problem != null) {
                    return fake.graphError(400, "BadRequest", problem, requestId);
                }
                ((ObjectNode) body)
                        .properties()
                        .forEach(f -> rule.set(f.getKey(), f.getValue().deepCopy()));
                rule.put("lastModifiedDateTime", Instant.now().toString());
                return fake.json(200, entity(rule));
            default:
                return fake.graphError(405, "BadRequest", "The fake does not serve " + method, requestId);
        }
    }

    private ResponseDefinition list(Map<String, String> query, @Nullable String requestId) {
        int skip = 0;
        if (query.containsKey("$skiptoken")) {
            Integer at = skipTokens.get(query.get("$skiptoken"));
            if (at == null) {
                return fake.graphError(400, "BadRequest", "Invalid $skiptoken.", requestId);
            }
            skip = at;
        } else if (!query.isEmpty()) {
            return fake.graphError(400, "BadRequest", "The fake serves no query options but $skiptoken", requestId);
        }
        List<ObjectNode> all = new ArrayList<>(rules.values());
        int end = Math.min(all.size(), skip + pageSize);
        ObjectNode body = json.createObjectNode()
                .put("@odata.context", fake.graphUrl() + "beta/$metadata#security/rules/detectionRules");
        ArrayNode value = body.putArray("value");
        for (int i = Math.min(skip, end); i < end; i++) {
            value.add(all.get(i).deepCopy());
        }
        if (end < all.size()) {
            String token = UUID.randomUUID().toString().replace("-", "");
            skipTokens.put(token, end);
            body.put("@odata.nextLink", fake.graphUrl() + "beta/security/rules/detectionRules?$skiptoken=" + token);
        }
        return fake.json(200, body);
    }

    private JsonNode body(Request request) {
        try {
            return json.readTree(request.getBodyAsString());
        } catch (JacksonException e) {
            return json.nullNode();
        }
    }

    private ObjectNode entity(ObjectNode rule) {
        return rule.deepCopy()
                .put("@odata.context", fake.graphUrl() + "beta/$metadata#security/rules/detectionRules/$entity");
    }

    /** Graph's refusal of a rule body, or null. A POST needs every required field; a PATCH the ones it gives. */
    private static @Nullable String problem(JsonNode body, boolean create) {
        if (!(body instanceof ObjectNode rule)) {
            return "Unable to read JSON request payload.";
        }
        for (var field : rule.properties()) {
            if (!WRITABLE.contains(field.getKey()) && !(create && SERVER_SET.contains(field.getKey()))) {
                return "Property '" + field.getKey() + "' does not exist or cannot be updated.";
            }
        }
        if (create) {
            for (String required : List.of("displayName", "queryCondition", "schedule", "detectionAction")) {
                if (!rule.has(required)) return "The " + required + " field is required.";
            }
        }
        if (rule.has("displayName") && rule.path("displayName").asString("").isBlank()) {
            return "displayName must not be empty.";
        }
        if (rule.has("queryCondition")
                && rule.path("queryCondition").path("queryText").asString("").isBlank()) {
            return "queryCondition.queryText is required.";
        }
        if (rule.has("schedule")
                && !PERIODS.contains(rule.path("schedule").path("period").asString(""))) {
            return "Invalid schedule period.";
        }
        if (rule.has("detectionAction")) {
            JsonNode template = rule.path("detectionAction").path("alertTemplate");
            if (template.path("title").asString("").isBlank()
                    || !SEVERITIES.contains(template.path("severity").asString(""))) {
                return "alertTemplate requires a title and a valid severity.";
            }
        }
        return null;
    }
}
