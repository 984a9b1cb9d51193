package dev.vigil.respond;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeDefender}'s machine actions, as external-apis §2.3-2.4 describe them: {@code POST
 * /api/machines/{id}/{action}} with case-sensitive body keys (a missing {@code Comment} is a 400), 201 with a
 * Pending MachineAction (offboard 200), 400 "Action is already in progress" while the same action is
 * pending or in progress on the device; {@code /api/machineactions} list ({@code $filter} of {@code x eq
 * 'y'} clauses joined by {@code and}, 404 when empty), get, cancel and {@code GetPackageUri}.
 *
 * <p>Each action advances one step of its lifecycle on every GET of it: by default Pending → InProgress →
 * Succeeded; {@link #lifecycle(String...)} sets the steps for actions created from then on.
 */
public final class FakeMachineActions {

    private static final Pattern START = Pattern.compile("/api/machines/([^/?]+)/([A-Za-z]+)");
    private static final Pattern ACTION =
            Pattern.compile("/api/machineactions/([^/?]+)(?:/(cancel|getPackageUri|GetPackageUri))?");
    private static final Pattern CLAUSE = Pattern.compile("(id|status|machineId|type|requestor) eq '([^']*)'");
    private static final Set<String> FINAL = Set.of("Succeeded", "Failed", "TimeOut", "Cancelled");
    private static final Map<String, String> TYPES = Map.of(
            "isolate", "Isolate",
            "unisolate", "Unisolate",
            "restrictCodeExecution", "RestrictCodeExecution",
            "unrestrictCodeExecution", "UnrestrictCodeExecution",
            "collectInvestigationPackage", "CollectInvestigationPackage",
            "runAntiVirusScan", "RunAntiVirusScan",
            "StopAndQuarantineFile", "StopAndQuarantineFile",
            "offboard", "Offboard");

    private final FakeDefender fake;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ObjectNode> actions = new LinkedHashMap<>();
    private final Map<String, Deque<String>> steps = new LinkedHashMap<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private List<String> lifecycle = List.of("InProgress", "Succeeded");

    FakeMachineActions(FakeDefender fake) {
        this.fake = fake;
    }

    /** The statuses an action created from now on moves through, one per GET of it, after Pending. */
    public synchronized FakeMachineActions lifecycle(String... statuses) {
        lifecycle = List.of(statuses);
        return this;
    }

    /** An action started outside Vigil (the portal), Pending; returns its id. */
    public synchronized String startedElsewhere(String machineId, String type) {
        ObjectNode action = create(machineId, type, null, "Started in the portal", null);
        return action.path("id").asString();
    }

    /** The bodies of machine-action POSTs (start and cancel), in order, as received. */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** An action as the fake holds it now, or null. */
    public synchronized @Nullable JsonNode action(String id) {
        ObjectNode action = actions.get(id);
        return action == null ? null : action.deepCopy();
    }

    synchronized void reset() {
        bodies.clear();
        lifecycle = List.of("InProgress", "Succeeded");
    }

    /** The answer for a machine-action path, or null when the path is not one. */
    synchronized @Nullable ResponseDefinition answer(Request request, String path) {
        String method = request.getMethod().getName();
        Matcher start = START.matcher(path);
        if (start.matches() && "POST".equals(method) && TYPES.containsKey(start.group(2))) {
            return start(start.group(1), start.group(2), request.getBodyAsString());
        }
        if (path.equals("/api/machineactions") && "GET".equals(method)) {
            return list(FakeDefender.query(request.getUrl()));
        }
        Matcher action = ACTION.matcher(path);
        if (!action.matches()) {
            return null;
        }
        ObjectNode found = actions.get(action.group(1));
        if (found == null) {
            return fake.error(404, "ResourceNotFound", "Machine action " + action.group(1) + " was not found")
                    .build();
        }
        String sub = action.group(2);
        if (sub == null && "GET".equals(method)) {
            advance(found);
            return fake.jsonBody(entity(found));
        }
        if ("cancel".equals(sub) && "POST".equals(method)) {
            return cancel(found, request.getBodyAsString());
        }
        if (sub != null && sub.equalsIgnoreCase("getPackageUri") && "GET".equals(method)) {
            if (!"CollectInvestigationPackage".equals(found.path("type").asString())
                    || !"Succeeded".equals(found.path("status").asString())) {
                return fake.error(404, "ResourceNotFound", "Package not found").build();
            }
            ObjectNode body = json.createObjectNode()
                    .put("@odata.context", fake.apiUrl() + "api/$metadata#Edm.String")
                    // Quoted, as Defender's example shows it.
                    .put(
                            "value",
                            "\"https://userrequests-us.securitycenter.windows.com:443/safedownload/"
                                    + "WDATP_Investigation_Package.zip?token="
                                    + found.path("id").asString() + "\"");
            return fake.jsonBody(body);
        }
        return fake.error(405, "MethodNotAllowed", "Not allowed on " + path).build();
    }

    private ResponseDefinition start(String machineId, String action, String rawBody) {
        JsonNode body;
        try {
            body = json.readTree(rawBody);
        } catch (JacksonException e) {
            return fake.error(400, "InvalidRequestBody", "Request body is not valid JSON")
                    .build();
        }
        bodies.add(body);
        if (!fake.hasMachine(machineId)) {
            return fake.error(404, "ResourceNotFound", "Machine " + machineId + " was not found")
                    .build();
        }
        String comment = body.path("Comment").asString("");
        if (comment.isBlank()) {
            return fake.error(400, "MissingRequiredParameter", "Comment is required")
                    .build();
        }
        String type = TYPES.get(action);
        String scope = null;
        if (type.equals("Isolate")) {
            scope = body.path("IsolationType").asString("Full");
            if (!Set.of("Full", "Selective", "UnManagedDevice").contains(scope)) {
                return fake.error(400, "InvalidRequestBody", "Invalid IsolationType")
                        .build();
            }
        }
        if (type.equals("RunAntiVirusScan")) {
            scope = body.path("ScanType").asString("");
            if (!Set.of("Quick", "Full").contains(scope)) {
                return fake.error(400, "InvalidRequestBody", "ScanType is required")
                        .build();
            }
        }
        String sha1 = null;
        if (type.equals("StopAndQuarantineFile")) {
            sha1 = body.path("Sha1").asString("");
            if (!sha1.matches("[0-9a-fA-F]{40}")) {
                return fake.error(400, "InvalidRequestBody", "Sha1 is required").build();
            }
        }
        String file = sha1;
        boolean running = actions.values().stream()
                .anyMatch(a -> a.path("machineId").asString().equals(machineId)
                        && a.path("type").asString().equals(type)
                        && !FINAL.contains(a.path("status").asString())
                        && (file == null
                                || file.equalsIgnoreCase(a.path("relatedFileInfo")
                                        .path("fileIdentifier")
                                        .asString())));
        if (running) {
            // The contract promises only the message for machine actions (§2.1); the code is unconfirmed.
            return fake.error(400, "BadRequest", "Action is already in progress")
                    .build();
        }
        ObjectNode created = create(machineId, type, scope, comment, sha1);
        return ResponseDefinitionBuilder.like(fake.jsonBody(entity(created)))
                .but()
                .withStatus(type.equals("Offboard") ? 200 : 201)
                .build();
    }

    private ObjectNode create(
            String machineId, String type, @Nullable String scope, String comment, @Nullable String sha1) {
        String now = Instant.now().toString();
        ObjectNode action = json.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("scope", scope)
                .put("requestor", FakeDefender.CLIENT_ID)
                .put("requestSource", "PublicApi")
                .put("requestorComment", comment)
                .put("status", "Pending")
                .put("machineId", machineId)
                .put("computerDnsName", fake.machineName(machineId))
                .put("creationDateTimeUtc", now)
                .put("lastUpdateDateTimeUtc", now)
                .putNull("cancellationRequestor")
                .putNull("cancellationComment")
                .putNull("cancellationDateTimeUtc")
                .put("title", type + " on " + fake.machineName(machineId));
        if (sha1 == null) {
            action.putNull("relatedFileInfo");
        } else {
            action.putObject("relatedFileInfo").put("fileIdentifier", sha1).put("fileIdentifierType", "Sha1");
        }
        actions.put(action.path("id").asString(), action);
        steps.put(action.path("id").asString(), new ArrayDeque<>(lifecycle));
        return action;
    }

    private void advance(ObjectNode action) {
        if (FINAL.contains(action.path("status").asString())) {
            return;
        }
        Deque<String> next = steps.get(action.path("id").asString());
        if (next != null && !next.isEmpty()) {
            action.put("status", next.poll())
                    .put("lastUpdateDateTimeUtc", Instant.now().toString());
        }
    }

    private ResponseDefinition cancel(ObjectNode action, String rawBody) {
        JsonNode body;
        try {
            body = json.readTree(rawBody);
        } catch (JacksonException e) {
            return fake.error(400, "InvalidRequestBody", "Request body is not valid JSON")
                    .build();
        }
        bodies.add(body);
        if (body.path("Comment").asString("").isBlank()) {
            return fake.error(400, "MissingRequiredParameter", "Comment is required")
                    .build();
        }
        if (FINAL.contains(action.path("status").asString())) {
            return fake.error(400, "InvalidRequest", "Action is already in a final state and cannot be cancelled")
                    .build();
        }
        String now = Instant.now().toString();
        action.put("status", "Cancelled")
                .put("lastUpdateDateTimeUtc", now)
                .put("cancellationRequestor", FakeDefender.CLIENT_ID)
                .put("cancellationComment", body.path("Comment").asString())
                .put("cancellationDateTimeUtc", now);
        return fake.jsonBody(entity(action));
    }

    private ResponseDefinition list(Map<String, String> query) {
        int top;
        try {
            top = Integer.parseInt(query.getOrDefault("$top", "10000"));
        } catch (NumberFormatException e) {
            return fake.error(400, "ODataError", "Invalid $top").build();
        }
        Predicate<JsonNode> filter = m -> true;
        String raw = query.get("$filter");
        if (raw != null) {
            for (String clause : raw.split(" and ")) {
                Matcher eq = CLAUSE.matcher(clause.strip());
                if (!eq.matches()) {
                    return fake.error(400, "ODataError", "Invalid filter clause: " + raw)
                            .build();
                }
                String field = eq.group(1);
                String value = eq.group(2);
                filter = filter.and(a -> a.path(field).asString("").equals(value));
            }
        }
        List<JsonNode> matching = new ArrayList<>(
                actions.values().stream().map(a -> (JsonNode) a).filter(filter).toList());
        Collections.reverse(matching);
        if (matching.isEmpty()) {
            return fake.error(404, "ResourceNotFound", "No machine actions found")
                    .build();
        }
        ObjectNode body = json.createObjectNode().put("@odata.context", fake.apiUrl() + "api/$metadata#MachineActions");
        ArrayNode value = body.putArray("value");
        matching.stream().limit(top).forEach(a -> value.add(a.deepCopy()));
        return fake.jsonBody(body);
    }

    private JsonNode entity(ObjectNode action) {
        return action.deepCopy().put("@odata.context", fake.apiUrl() + "api/$metadata#MachineActions/$entity");
    }
}
