package dev.vigil.respond;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Graph's {@code /v1.0/security/incidents} on {@link FakeDefender}, as external-apis §3.1-3.2 describe it:
 * newest first, {@code $top} and pages of {@link #pageSize(int)} linked by {@code @odata.nextLink} with an
 * opaque {@code $skiptoken}; the {@code $filter} forms Vigil sends ({@code status|severity|assignedTo|
 * classification|determination eq '…'} and {@code createdDateTime ge <instant>}, joined by {@code and}),
 * anything else a 400; alerts only with {@code $expand=alerts}; {@code awaitingAction} shown as {@code
 * unknownFutureValue} unless the request sends {@code Prefer: include-unknown-enum-members}; PATCH of the
 * documented fields answering the updated incident; comments answering the full list; Graph's error envelope.
 */
public final class FakeIncidents {

    private static final String PREFIX = "/v1.0/security/incidents";
    private static final Pattern ONE = Pattern.compile(PREFIX + "/([^/?]+)(/comments)?");
    private static final Pattern EQ =
            Pattern.compile("(status|severity|assignedTo|classification|determination) eq '((?:[^']|'')*)'");
    private static final Pattern GE = Pattern.compile("createdDateTime ge (\\S+)");
    private static final Set<String> STATUS =
            Set.of("active", "resolved", "inProgress", "redirected", "awaitingAction");
    private static final Set<String> CLASSIFICATION =
            Set.of("unknown", "falsePositive", "truePositive", "informationalExpectedActivity");
    private static final Set<String> DETERMINATION = Set.of(
            "unknown",
            "apt",
            "malware",
            "securityPersonnel",
            "securityTesting",
            "unwantedSoftware",
            "other",
            "multiStagedAttack",
            "compromisedUser",
            "phishing",
            "maliciousUserActivity",
            "clean",
            "insufficientData",
            "confirmedUserActivity",
            "lineOfBusinessApplication",
            "notMalicious",
            "notEnoughDataToValidate");
    private static final Set<String> PATCHABLE =
            Set.of("status", "classification", "determination", "assignedTo", "customTags");
    private static final List<String> SEVERITIES = List.of("informational", "low", "medium", "high");

    private final FakeDefender fake;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> skipTokens = new ConcurrentHashMap<>();
    private final List<JsonNode> patches = new CopyOnWriteArrayList<>();
    private final List<String> preferHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile int pageSize = 50;
    private int nextId = 2_972_000;

    public FakeIncidents(FakeDefender fake) {
        this.fake = fake;
        fake.route(PREFIX, "graph", this::answer);
    }

    /** How many incidents one page holds before an {@code @odata.nextLink}. */
    public FakeIncidents pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** The next {@code times} incident calls get Graph's 429 {@code TooManyRequests} with {@code Retry-After: 1}. */
    public FakeIncidents throttle(int times) {
        throttled.set(times);
        return this;
    }

    /**
     * Adds an incident created {@code minutesAgo} before now with two alerts; answers its id. Status {@code
     * awaitingAction} is one Graph hides without the Prefer header.
     */
    public synchronized String add(String status, String severity, @Nullable String assignedTo, long minutesAgo) {
        String id = Integer.toString(nextId++);
        String created = Instant.now().minusSeconds(minutesAgo * 60).toString();
        ObjectNode incident = json.createObjectNode()
                .put("id", id)
                .put("tenantId", FakeDefender.TENANT_ID)
                .put("status", status)
                .put(
                        "incidentWebUrl",
                        "https://security.microsoft.com/incidents/" + id + "?tid=" + FakeDefender.TENANT_ID)
                .putNull("redirectIncidentId")
                .put("displayName", "Multi-stage incident " + id)
                .put("description", "Raised by the fake")
                .put("createdDateTime", created)
                .put("lastUpdateDateTime", created)
                .put("assignedTo", assignedTo)
                .put("classification", "unknown")
                .put("determination", "unknown")
                .put("severity", severity);
        incident.putArray("customTags");
        incident.putArray("systemTags").add("Defender Experts");
        incident.putArray("comments");
        ArrayNode alerts = incident.putArray("alerts");
        for (int i = 0; i < 2; i++) {
            alerts.addObject()
                    .put("@odata.type", "#microsoft.graph.security.alert")
                    .put("id", "da6375512276775608" + id + "_" + i)
                    .put("incidentId", id)
                    .put("status", "new")
                    .put("severity", severity)
                    .put("serviceSource", "microsoftDefenderForEndpoint")
                    .put("title", "Suspicious execution " + i)
                    .putArray("evidence")
                    .addObject()
                    .put("@odata.type", "#microsoft.graph.security.deviceEvidence")
                    .put("mdeDeviceId", "73e7e2de709dff64ef64b1d0c30e67fab63279db")
                    .put("deviceDnsName", "ws-042");
        }
        incidents.put(id, incident);
        return id;
    }

    /** An incident as the fake holds it now (with its alerts), or null. */
    public synchronized @Nullable JsonNode incident(String id) {
        ObjectNode incident = incidents.get(id);
        return incident == null ? null : incident.deepCopy();
    }

    /** The PATCH bodies received, in order, as sent. */
    public List<JsonNode> patches() {
        return List.copyOf(patches);
    }

    /** The {@code Prefer} header of every incident call (empty when absent), in order. */
    public List<String> preferHeaders() {
        return List.copyOf(preferHeaders);
    }

    public synchronized void reset() {
        patches.clear();
        preferHeaders.clear();
        throttled.set(0);
        pageSize = 50;
    }

    private synchronized ResponseDefinition answer(Request request, String path) {
        String requestId = request.getHeader("client-request-id");
        String prefer = request.getHeader("Prefer");
        preferHeaders.add(prefer == null ? "" : prefer);
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return fake.graphError(429, "TooManyRequests", "Too many requests.", requestId);
        }
        boolean unknownMembers = prefer != null && prefer.contains("include-unknown-enum-members");
        String method = request.getMethod().getName();
        Map<String, String> query = FakeDefender.query(request.getUrl());
        if (path.equals(PREFIX) && "GET".equals(method)) {
            return list(query, unknownMembers, requestId);
        }
        Matcher one = ONE.matcher(path);
        if (!one.matches()) {
            return fake.graphError(400, "BadRequest", "Resource not found for the segment '" + path + "'.", requestId);
        }
        ObjectNode incident = incidents.get(one.group(1));
        if (incident == null) {
            return fake.graphError(404, "itemNotFound", "Incident " + one.group(1) + " not found", requestId);
        }
        if (one.group(2) == null && "GET".equals(method)) {
            return fake.json(
                    200,
                    view(incident, "alerts".equals(query.get("$expand")), unknownMembers)
                            .put("@odata.context", fake.graphUrl() + "v1.0/$metadata#security/incidents/$entity"));
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBodyAsString());
        } catch (JacksonException e) {
            return fake.graphError(400, "BadRequest", "Unable to read JSON request payload.", requestId);
        }
        if (one.group(2) == null && "PATCH".equals(method)) {
            patches.add(body);
            String problem = patchProblem(body);
            if (problem != null) {
                return fake.graphError(400, "BadRequest", problem, requestId);
            }
            body.properties()
                    .forEach(field ->
                            incident.set(field.getKey(), field.getValue().deepCopy()));
            incident.put("lastUpdateDateTime", Instant.now().toString());
            return fake.json(
                    200,
                    view(incident, false, unknownMembers)
                            .put("@odata.context", fake.graphUrl() + "v1.0/$metadata#security/incidents/$entity"));
        }
        if (one.group(2) != null && "POST".equals(method)) {
            if (!body.path("comment").isString()
                    || body.path("comment").asString().isBlank()) {
                return fake.graphError(400, "BadRequest", "The comment field is required.", requestId);
            }
            ((ArrayNode) incident.get("comments"))
                    .addObject()
                    .put("comment", body.path("comment").asString())
                    .put("createdByDisplayName", "Vigil")
                    .put("createdDateTime", Instant.now().toString());
            ObjectNode answer = json.createObjectNode()
                    .put(
                            "@odata.context",
                            fake.graphUrl() + "v1.0/$metadata#Collection(microsoft.graph.security.alertComment)");
            answer.set("value", incident.get("comments").deepCopy());
            return fake.json(200, answer);
        }
        return fake.graphError(405, "BadRequest", "The fake does not serve " + method + " " + path, requestId);
    }

    private ResponseDefinition list(Map<String, String> query, boolean unknownMembers, @Nullable String requestId) {
        Map<String, String> state = query;
        if (query.containsKey("$skiptoken")) {
            state = skipTokens.get(query.get("$skiptoken"));
            if (state == null || query.size() != 1) {
                return fake.graphError(400, "BadRequest", "Invalid $skiptoken.", requestId);
            }
        }
        int top;
        int skip;
        try {
            top = Integer.parseInt(state.getOrDefault("$top", "1000000"));
            skip = Integer.parseInt(state.getOrDefault("$skip", "0"));
        } catch (NumberFormatException e) {
            return fake.graphError(400, "BadRequest", "Invalid value for $top or $skip.", requestId);
        }
        Predicate<JsonNode> filter = filter(state.get("$filter"));
        if (filter == null || top < 1 || skip < 0) {
            return fake.graphError(400, "BadRequest", "Invalid filter clause: " + state.get("$filter"), requestId);
        }
        List<ObjectNode> matching = new ArrayList<>();
        List<ObjectNode> all = new ArrayList<>(incidents.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            if (filter.test(all.get(i))) {
                matching.add(all.get(i));
            }
        }
        int end = Math.min(matching.size(), skip + Math.min(top, pageSize));
        ObjectNode body =
                json.createObjectNode().put("@odata.context", fake.graphUrl() + "v1.0/$metadata#security/incidents");
        ArrayNode value = body.putArray("value");
        boolean expand = "alerts".equals(state.get("$expand"));
        for (int i = Math.min(skip, end); i < end; i++) {
            value.add(view(matching.get(i), expand, unknownMembers));
        }
        int remaining = top - (end - skip);
        if (end < matching.size() && remaining > 0) {
            Map<String, String> next = new LinkedHashMap<>(state);
            next.put("$skip", Integer.toString(end));
            next.put("$top", Integer.toString(remaining));
            String token = UUID.randomUUID().toString().replace("-", "");
            skipTokens.put(token, next);
            body.put("@odata.nextLink", fake.graphUrl() + "v1.0/security/incidents?$skiptoken=" + token);
        }
        return fake.json(200, body);
    }

    /** The incident as Graph would show it to this request. */
    private ObjectNode view(ObjectNode incident, boolean expandAlerts, boolean unknownMembers) {
        ObjectNode view = incident.deepCopy();
        if (!expandAlerts) {
            view.remove("alerts");
        }
        if (!unknownMembers && "awaitingAction".equals(view.path("status").asString())) {
            view.put("status", "unknownFutureValue");
        }
        return view;
    }

    private static @Nullable Predicate<JsonNode> filter(@Nullable String filter) {
        if (filter == null) {
            return i -> true;
        }
        Predicate<JsonNode> all = i -> true;
        for (String clause : filter.split(" and ")) {
            Matcher eq = EQ.matcher(clause.strip());
            Matcher ge = GE.matcher(clause.strip());
            if (eq.matches()) {
                String field = eq.group(1);
                String wanted = eq.group(2).replace("''", "'");
                all = all.and(i ->
                        i.path(field).isString() && i.path(field).asString().equals(wanted));
            } else if (ge.matches()) {
                Instant after;
                try {
                    after = Instant.parse(ge.group(1));
                } catch (DateTimeParseException e) {
                    return null;
                }
                all = all.and(i ->
                        !Instant.parse(i.path("createdDateTime").asString()).isBefore(after));
            } else {
                return null;
            }
        }
        return all;
    }

    private static @Nullable String patchProblem(JsonNode body) {
        if (!body.isObject()) {
            return "The request body must be an object.";
        }
        for (var field : body.properties()) {
            if (!PATCHABLE.contains(field.getKey())) {
                return "Property '" + field.getKey() + "' does not exist or cannot be updated.";
            }
        }
        if (body.has("status") && !STATUS.contains(body.path("status").asString())) {
            return "Requested value '" + body.path("status").asString() + "' was not found.";
        }
        if (body.has("classification")
                && !CLASSIFICATION.contains(body.path("classification").asString())) {
            return "Requested value '" + body.path("classification").asString() + "' was not found.";
        }
        if (body.has("determination")
                && !DETERMINATION.contains(body.path("determination").asString())) {
            return "Requested value '" + body.path("determination").asString() + "' was not found.";
        }
        if (body.has("customTags") && !body.get("customTags").isArray()) {
            return "customTags must be a collection.";
        }
        return null;
    }

    /** Severities in the order {@link #add} callers may cycle through. */
    public static List<String> severities() {
        return SEVERITIES;
    }
}
