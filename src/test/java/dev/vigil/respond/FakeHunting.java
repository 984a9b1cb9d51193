package dev.vigil.respond;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph's {@code POST /v1.0/security/runHuntingQuery} on {@link FakeDefender}, as external-apis §3.4 and §2.8
 * describe it: the body key {@code Query} is case-sensitive and required (400 {@code BadRequest} when missing
 * or blank, as for KQL that does not parse, which the fake recognises by the text {@code syntax error});
 * {@code Timespan} takes the documented forms and limits rows by their {@code Timestamp} (default 30 days);
 * the answer is {@code {"@odata.context", "schema": [{name, type}], "results": [...]}}; and the tenant's 45
 * calls a minute are a token bucket, 429 with {@code Retry-After} when it is empty.
 */
public final class FakeHunting {

    public static final String PATH = "/v1.0/security/runHuntingQuery";
    private static final int PER_MINUTE = 45;

    private final FakeDefender fake;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, List<ObjectNode>> rowsByQueryText = new LinkedHashMap<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private List<ObjectNode> defaultRows = List.of();
    private boolean pascalCaseSchema;
    private double tokens = PER_MINUTE;
    private long refilledAt = System.nanoTime();

    private FakeHunting(FakeDefender fake) {
        this.fake = fake;
    }

    /** Registers the hunting endpoint on {@code fake}. */
    public static FakeHunting on(FakeDefender fake) {
        FakeHunting hunting = new FakeHunting(fake);
        fake.route(PATH, "graph", hunting::answer);
        return hunting;
    }

    /** Rows answered to queries containing {@code text} (the first registered text that matches wins). */
    public synchronized FakeHunting rows(String text, List<ObjectNode> rows) {
        rowsByQueryText.put(text, List.copyOf(rows));
        return this;
    }

    /** Rows answered to any other query. */
    public synchronized FakeHunting rows(List<ObjectNode> rows) {
        defaultRows = List.copyOf(rows);
        return this;
    }

    /** Answers the schema as {@code Name}/{@code Type}, as some documentation examples show it. */
    public synchronized FakeHunting pascalCaseSchema(boolean pascal) {
        this.pascalCaseSchema = pascal;
        return this;
    }

    /** Empties the 45-a-minute bucket, as if other clients of the tenant had spent it. */
    public synchronized FakeHunting drain() {
        refill();
        tokens = 0;
        return this;
    }

    /** Request bodies received (those not refused for the quota), in order. */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** The {@code Timespan} of each accepted request whose {@code Query} contains {@code text}. */
    public List<String> timespans(String text) {
        return bodies.stream()
                .filter(b -> b.path("Query").asString("").contains(text))
                .map(b -> b.path("Timespan").asString(""))
                .toList();
    }

    /** How many requests got 429 for the quota. */
    public int throttled() {
        return throttled.get();
    }

    public synchronized void reset() {
        rowsByQueryText.clear();
        defaultRows = List.of();
        bodies.clear();
        throttled.set(0);
        pascalCaseSchema = false;
        tokens = PER_MINUTE;
        refilledAt = System.nanoTime();
    }

    private @Nullable ResponseDefinition answer(Request request, String path) {
        String requestId = request.getHeader("client-request-id");
        if (!path.equals(PATH)) {
            return null;
        }
        if (!"POST".equals(request.getMethod().getName())) {
            return fake.graphError(405, "BadRequest", "The HTTP method is not allowed for this resource.", requestId);
        }
        synchronized (this) {
            refill();
            if (tokens < 1) {
                throttled.incrementAndGet();
                long wait = (long) Math.ceil((1 - tokens) * 60.0 / PER_MINUTE);
                return ResponseDefinitionBuilder.like(fake.graphError(
                                429,
                                "TooManyRequests",
                                "API calls quota exceeded! maximum allowed 45 per 00:01:00",
                                requestId))
                        .but()
                        .withHeader("Retry-After", Long.toString(Math.max(1, wait)))
                        .build();
            }
            tokens -= 1;
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBodyAsString());
        } catch (JacksonException e) {
            return fake.graphError(400, "BadRequest", "Unable to read JSON request payload.", requestId);
        }
        if (body == null || !body.isObject()) {
            return fake.graphError(400, "BadRequest", "Unable to read JSON request payload.", requestId);
        }
        bodies.add(body);
        JsonNode query = body.get("Query");
        if (query == null || !query.isString() || query.asString().isBlank()) {
            return fake.graphError(400, "BadRequest", "Missing required parameter 'Query'.", requestId);
        }
        if (query.asString().contains("syntax error")) {
            return fake.graphError(
                    400,
                    "BadRequest",
                    "Query could not be parsed at 'error' on line [1,7]. Token: 'error'.",
                    requestId);
        }
        Instant[] window = window(body.get("Timespan"));
        if (window == null) {
            return fake.graphError(400, "BadRequest", "The Timespan value is not valid.", requestId);
        }
        List<ObjectNode> rows = rowsFor(query.asString());
        ObjectNode answer = json.createObjectNode()
                .put("@odata.context", fake.graphUrl() + "v1.0/$metadata#microsoft.graph.security.huntingQueryResults");
        ArrayNode schema = answer.putArray("schema");
        Map<String, String> columns = new LinkedHashMap<>();
        rows.forEach(row -> row.properties().forEach(p -> columns.putIfAbsent(p.getKey(), type(p.getValue()))));
        boolean pascal;
        synchronized (this) {
            pascal = pascalCaseSchema;
        }
        columns.forEach((name, type) ->
                schema.addObject().put(pascal ? "Name" : "name", name).put(pascal ? "Type" : "type", type));
        ArrayNode results = answer.putArray("results");
        for (ObjectNode row : rows) {
            if (within(row, window)) {
                results.add(row.deepCopy());
            }
        }
        return fake.json(200, answer);
    }

    private synchronized List<ObjectNode> rowsFor(String query) {
        for (Map.Entry<String, List<ObjectNode>> entry : rowsByQueryText.entrySet()) {
            if (query.contains(entry.getKey())) {
                return new ArrayList<>(entry.getValue());
            }
        }
        return new ArrayList<>(defaultRows);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(PER_MINUTE, tokens + (now - refilledAt) / 60e9 * PER_MINUTE);
        refilledAt = now;
    }

    /** [start, end] of a Timespan (absent: the last 30 days); null when it is none of the documented forms. */
    private static Instant @Nullable [] window(@Nullable JsonNode timespan) {
        Instant now = Instant.now();
        if (timespan == null) {
            return new Instant[] {now.minus(Duration.ofDays(30)), now};
        }
        if (!timespan.isString()) {
            return null;
        }
        String[] parts = timespan.asString().split("/", -1);
        try {
            if (parts.length == 1) {
                Duration length = duration(parts[0]);
                return length != null
                        ? new Instant[] {now.minus(length), now}
                        : new Instant[] {OffsetDateTime.parse(parts[0]).toInstant(), now};
            }
            if (parts.length != 2) {
                return null;
            }
            Duration first = duration(parts[0]);
            Duration second = duration(parts[1]);
            if (first != null && second != null) {
                return null;
            }
            if (first != null) {
                Instant end = OffsetDateTime.parse(parts[1]).toInstant();
                return new Instant[] {end.minus(first), end};
            }
            Instant start = OffsetDateTime.parse(parts[0]).toInstant();
            return new Instant[] {
                start,
                second != null
                        ? start.plus(second)
                        : OffsetDateTime.parse(parts[1]).toInstant()
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Duration duration(String text) {
        if (!text.startsWith("P")) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return Duration.ofDays(Period.parse(text).getDays());
        }
    }

    private static boolean within(JsonNode row, Instant[] window) {
        JsonNode timestamp = row.get("Timestamp");
        if (timestamp == null || !timestamp.isString()) {
            return true;
        }
        Instant at = OffsetDateTime.parse(timestamp.asString()).toInstant();
        return !at.isBefore(window[0]) && !at.isAfter(window[1]);
    }

    private static String type(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "Int64";
        }
        if (value.isBoolean()) {
            return "Boolean";
        }
        if (value.isString() && value.asString().matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
            return "DateTime";
        }
        return value.isContainer() ? "Dynamic" : "String";
    }
}
