package dev.vigil.respond;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeDefender}'s Graph {@code GET /v1.0/security/alerts_v2}, as external-apis §3.1 and §3.3 describe
 * it: {@code $filter=lastUpdateDateTime ge <ISO-8601 UTC>} (any other filter is Graph's 400), {@code $top}, and
 * pages linked by {@code @odata.nextLink} with an opaque {@code $skiptoken} that is re-evaluated against the
 * current alerts, as a server's cursor is. §3.3 lists no {@code $orderby} for alerts_v2, so it is refused (400),
 * and the alerts come in no promised order: scrambled by id (a storage order, not time), or newest first, where
 * an alert updated between two pages moves to the front and shifts the rest. Alerts are built in the documented
 * shape (the §3.3 example), with evidence of a device, a file, a process and its user.
 */
public final class FakeGraphAlerts {

    public static final String PATH = "/v1.0/security/alerts_v2";
    private static final Pattern FILTER =
            Pattern.compile("lastUpdateDateTime ge (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z)");

    private final FakeDefender fake;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ObjectNode> alerts = new LinkedHashMap<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private int serverPageSize = 1_000;
    private int throttled;
    private int goodBeforeMalformed = -1;
    private boolean brokenItems;
    private Order order = Order.SCRAMBLED;
    private final Map<Integer, Runnable> beforeRequest = new HashMap<>();
    private final List<String> served = new CopyOnWriteArrayList<>();

    /** The order alerts are listed in; neither is by time ascending, which the poller must not rely on. */
    public enum Order {
        /** By a hash of the id: stable while alerts change, unrelated to their times. */
        SCRAMBLED,
        /** Latest {@code lastUpdateDateTime} first: an update moves an alert to the front. */
        NEWEST_FIRST
    }

    /** Where a nextLink resumes: the first query's filter, the position and the page size. */
    private record Cursor(@Nullable Instant from, int offset, int top) {}

    public FakeGraphAlerts(FakeDefender fake) {
        this.fake = fake;
        fake.route(PATH, "graph", this::answer);
    }

    /** A new alert, in the §3.3 shape, last updated at {@code lastUpdate}; returns it for further changes. */
    public synchronized ObjectNode add(String id, Instant lastUpdate, String title, String severity) {
        ObjectNode alert = json.createObjectNode()
                .put("@odata.type", "#microsoft.graph.security.alert")
                .put("id", id)
                .put("providerAlertId", id)
                .put("incidentId", "28282")
                .put("status", "new")
                .put("severity", severity)
                .put("classification", "unknown")
                .put("determination", "unknown")
                .put("serviceSource", "microsoftDefenderForEndpoint")
                .put("detectionSource", "antivirus")
                .put("tenantId", FakeDefender.TENANT_ID)
                .put("title", title)
                .put("description", "Hidden file executed by " + id)
                .put("category", "DefenseEvasion")
                .put("createdDateTime", lastUpdate.minusSeconds(60).toString())
                .put("lastUpdateDateTime", lastUpdate.toString());
        alert.putArray("mitreTechniques").add("T1564.001");
        ArrayNode evidence = alert.putArray("evidence");
        ObjectNode device = evidence.addObject()
                .put("@odata.type", "#microsoft.graph.security.deviceEvidence")
                .put("mdeDeviceId", "73e7e2de709dff64ef64b1d0c30e67fab63279db")
                .put("deviceDnsName", "ws-042")
                .put("osPlatform", "Windows11")
                .put("verdict", "unknown")
                .put("remediationStatus", "none");
        device.putArray("roles").add("compromised");
        ObjectNode file = evidence.addObject()
                .put("@odata.type", "#microsoft.graph.security.fileEvidence")
                .put("detectionStatus", "detected");
        file.putObject("fileDetails")
                .put("sha1", "5f1e8acedc065031aad553b710838eb366cfee9a")
                .put("fileName", "payload.exe")
                .put("filePath", "C:\\Users\\kai\\AppData\\Local\\Temp");
        ObjectNode process = evidence.addObject()
                .put("@odata.type", "#microsoft.graph.security.processEvidence")
                .put("processId", 4780)
                .put("processCommandLine", "payload.exe -s");
        process.putObject("imageFile").put("fileName", "payload.exe");
        process.putObject("userAccount").put("accountName", "kai").put("domainName", "CONTOSO");
        alerts.put(id, alert);
        return alert;
    }

    /** Changes an alert as Defender does: the change, and its {@code lastUpdateDateTime} moved to {@code at}. */
    public synchronized void update(String id, Instant at, Consumer<ObjectNode> change) {
        ObjectNode alert = alerts.get(id);
        change.accept(alert);
        alert.put("lastUpdateDateTime", at.toString());
    }

    /** At most this many alerts a page, whatever {@code $top} asks. */
    public synchronized FakeGraphAlerts serverPageSize(int size) {
        serverPageSize = size;
        return this;
    }

    /** The order of the listed alerts. */
    public synchronized FakeGraphAlerts order(Order order) {
        this.order = order;
        return this;
    }

    /** Runs {@code action} (changing alerts, say) just before answering the {@code n}th list call (from 1). */
    public synchronized FakeGraphAlerts beforeRequest(int n, Runnable action) {
        beforeRequest.put(n, action);
        return this;
    }

    /**
     * The next page answered also holds three items no poller can place: one without {@code id}, one without
     * {@code lastUpdateDateTime}, one whose {@code lastUpdateDateTime} is not a date.
     */
    public synchronized FakeGraphAlerts brokenItemsInNextPage() {
        brokenItems = true;
        return this;
    }

    /** The ids of the alerts listed, in the order they were served, every page of every call. */
    public List<String> served() {
        return List.copyOf(served);
    }

    /** The next {@code times} list calls get Graph's 429 with {@code Retry-After: 1}. */
    public synchronized FakeGraphAlerts throttle(int times) {
        throttled = times;
        return this;
    }

    /** After {@code good} more good pages, one page answers 200 without a {@code value} array. */
    public synchronized FakeGraphAlerts malformedAfter(int good) {
        goodBeforeMalformed = good;
        return this;
    }

    /** The URLs of list calls, in order (429s included). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** No alerts, no cursors, no queued failures, no recorded requests. */
    public synchronized void reset() {
        alerts.clear();
        cursors.clear();
        requests.clear();
        served.clear();
        beforeRequest.clear();
        brokenItems = false;
        order = Order.SCRAMBLED;
        serverPageSize = 1_000;
        throttled = 0;
        goodBeforeMalformed = -1;
    }

    private synchronized @Nullable ResponseDefinition answer(Request request, String path) {
        if (!path.equals(PATH)) {
            return null;
        }
        requests.add(request.getUrl());
        Runnable action = beforeRequest.remove(requests.size());
        if (action != null) {
            action.run();
        }
        String requestId = request.getHeader("client-request-id");
        if (!"GET".equals(request.getMethod().getName())) {
            return fake.graphError(405, "Request_BadRequest", "Method not allowed.", requestId);
        }
        if (throttled > 0) {
            throttled--;
            return fake.graphError(429, "TooManyRequests", "Too many requests.", requestId);
        }
        if (goodBeforeMalformed == 0) {
            goodBeforeMalformed = -1;
            ObjectNode body = json.createObjectNode()
                    .put("@odata.context", fake.graphUrl() + "v1.0/$metadata#security/alerts_v2");
            body.putObject("error").put("code", "generalException");
            return fake.json(200, body);
        }
        Map<String, String> query = FakeDefender.query(request.getUrl());
        Cursor cursor;
        String token = query.get("$skiptoken");
        if (token != null) {
            cursor = cursors.get(token);
            if (cursor == null) {
                return fake.graphError(400, "BadRequest", "Invalid skip token.", requestId);
            }
        } else {
            Instant from = null;
            String filter = query.get("$filter");
            if (filter != null) {
                Matcher m = FILTER.matcher(filter);
                if (!m.matches()) {
                    return fake.graphError(400, "BadRequest", "Invalid filter clause: " + filter, requestId);
                }
                try {
                    from = OffsetDateTime.parse(m.group(1)).toInstant();
                } catch (DateTimeParseException e) {
                    return fake.graphError(400, "BadRequest", "Invalid filter clause: " + filter, requestId);
                }
            }
            if (query.containsKey("$orderby")) {
                return fake.graphError(400, "BadRequest", "Query option 'OrderBy' is not allowed.", requestId);
            }
            int top;
            try {
                top = Integer.parseInt(query.getOrDefault("$top", "1000"));
            } catch (NumberFormatException e) {
                return fake.graphError(400, "BadRequest", "Invalid $top.", requestId);
            }
            if (top < 1) {
                return fake.graphError(400, "BadRequest", "Invalid $top.", requestId);
            }
            cursor = new Cursor(from, 0, top);
        }
        if (goodBeforeMalformed > 0) {
            goodBeforeMalformed--;
        }
        return fake.json(200, page(cursor));
    }

    private ObjectNode page(Cursor cursor) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode alert : alerts.values()) {
            if (cursor.from() == null || !lastUpdate(alert).isBefore(cursor.from())) {
                matching.add(alert);
            }
        }
        if (order == Order.SCRAMBLED) {
            matching.sort(Comparator.comparing(
                            (ObjectNode a) -> scrambled(a.path("id").asString()))
                    .thenComparing(a -> a.path("id").asString()));
        } else {
            matching.sort(Comparator.comparing(FakeGraphAlerts::lastUpdate)
                    .reversed()
                    .thenComparing(a -> a.path("id").asString()));
        }
        int size = Math.min(cursor.top(), serverPageSize);
        int end = Math.min(matching.size(), cursor.offset() + size);
        ObjectNode body =
                json.createObjectNode().put("@odata.context", fake.graphUrl() + "v1.0/$metadata#security/alerts_v2");
        ArrayNode value = body.putArray("value");
        for (ObjectNode alert : matching.subList(Math.min(cursor.offset(), end), end)) {
            value.add(alert.deepCopy());
            served.add(alert.path("id").asString());
        }
        if (brokenItems) {
            brokenItems = false;
            value.addObject()
                    .put("lastUpdateDateTime", Instant.now().toString())
                    .put("title", "No id");
            value.addObject().put("id", "no-time-" + UUID.randomUUID()).put("title", "No lastUpdateDateTime");
            value.addObject()
                    .put("id", "bad-time-" + UUID.randomUUID())
                    .put("lastUpdateDateTime", "yesterday")
                    .put("title", "Unreadable lastUpdateDateTime");
        }
        if (end < matching.size()) {
            String token = UUID.randomUUID().toString().replace("-", "");
            cursors.put(token, new Cursor(cursor.from(), end, cursor.top()));
            body.put("@odata.nextLink", fake.graphUrl() + "v1.0/security/alerts_v2?$skiptoken=" + token);
        }
        return body;
    }

    /** A hash spreading ids that differ only at the end (test ids share a prefix). */
    private static int scrambled(String id) {
        int hash = id.hashCode() * 0x9E3779B9;
        return hash ^ (hash >>> 16);
    }

    private static Instant lastUpdate(ObjectNode alert) {
        return OffsetDateTime.parse(alert.path("lastUpdateDateTime").asString()).toInstant();
    }
}
