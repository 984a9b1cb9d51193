package dev.vigil.respond.defender.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.Role;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeIncidents;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Graph incidents over real HTTP with API keys, Vigil against {@link FakeIncidents}: paging, filters, the
 * Prefer header, get with alerts, updates (only the fields given, enums checked before Graph), comments, role
 * refusals, Graph's throttling and unreadable answers, and the audit log.
 */
class GraphIncidentsIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final FakeIncidents incidents = new FakeIncidents(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_gi_", fake);
        registry.add("vigil.defender.max-retries", () -> "3");
    }

    @BeforeEach
    void reset() {
        fake.reset();
        incidents.reset();
    }

    @Test
    void listFollowsGraphsPagesNewestFirstAndAsksForNewEnumMembers() throws Exception {
        String owner = unique("pager");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            ids.add(incidents.add(i == 10 ? "awaitingAction" : "active", "low", owner, 60 - i));
        }
        incidents.pageSize(3);

        HttpResponse<String> response =
                api.get("/incidents?assignedTo=" + encode(owner) + "&top=10", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        api.read(response).forEach(i -> listed.add(i.path("id").asString()));
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst.subList(0, 10));
        assertThat(api.read(response).get(0).path("status").asString()).isEqualTo("awaitingAction");
        assertThat(api.read(response).get(0).has("alerts")).isFalse();
        List<String> calls = graphCalls();
        assertThat(calls).hasSize(4);
        assertThat(calls.get(0)).contains("$top=10");
        assertThat(calls.subList(1, 4)).allMatch(c -> c.startsWith("GET /v1.0/security/incidents?$skiptoken="));
        assertThat(incidents.preferHeaders()).hasSize(4).allMatch("include-unknown-enum-members"::equals);
    }

    @Test
    void filtersBecomeOneQuotedODataFilter() throws Exception {
        String owner = unique("o'brien");
        String wanted = incidents.add("inProgress", "high", owner, 30);
        incidents.add("inProgress", "low", owner, 20);
        incidents.add("active", "high", owner, 10);
        incidents.add("inProgress", "high", owner, 600);

        HttpResponse<String> response = api.get(
                "/incidents?status=INPROGRESS&severity=High&assignedTo=" + encode(owner) + "&createdAfter="
                        + Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS),
                keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode listed = api.read(response);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asString()).isEqualTo(wanted);
        String sent = URLDecoder.decode(graphCalls().get(0), StandardCharsets.UTF_8);
        assertThat(sent)
                .contains("$filter=status eq 'inProgress' and severity eq 'high' and assignedTo eq '"
                        + owner.replace("'", "''") + "' and createdDateTime ge ");
    }

    @Test
    void badFiltersAndTopAreRefusedBeforeGraph() throws Exception {
        String key = keys.key(Role.ANALYST);
        for (String query :
                List.of("status=closed", "severity=critical", "createdAfter=yesterday", "top=1001", "top=0")) {
            HttpResponse<String> response = api.get("/incidents?" + query, key);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(api.read(response).path("type").asString())
                    .isEqualTo("urn:vigil:problem:defender-incident-invalid");
        }
        assertThat(graphCalls()).isEmpty();
    }

    @Test
    void getAnswersTheIncidentWithItsAlertsAnd404ForAnUnknownOne() throws Exception {
        String id = incidents.add("active", "medium", unique("get"), 5);
        String key = keys.key(Role.ANALYST);

        HttpResponse<String> found = api.get("/incidents/" + id, key);

        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode incident = api.read(found);
        assertThat(incident.path("id").asString()).isEqualTo(id);
        assertThat(incident.path("alerts")).hasSize(2);
        assertThat(incident.path("alerts")
                        .get(0)
                        .path("evidence")
                        .get(0)
                        .path("mdeDeviceId")
                        .asString())
                .isEqualTo("73e7e2de709dff64ef64b1d0c30e67fab63279db");
        assertThat(graphCalls()).containsExactly("GET /v1.0/security/incidents/" + id + "?$expand=alerts");

        HttpResponse<String> missing = api.get("/incidents/999999999", key);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(api.read(missing).path("defenderCode").asString()).isEqualTo("itemNotFound");

        HttpResponse<String> notAnId = api.get("/incidents/12ab", key);
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(graphCalls()).hasSize(2);
    }

    @Test
    void updateSendsOnlyTheFieldsGivenInGraphsCasingAndAuditsTheReason() throws Exception {
        String id = incidents.add("active", "high", unique("update"), 5);

        HttpResponse<String> response = api.send(
                "PATCH",
                "/incidents/" + id,
                Map.of(
                        "status", "RESOLVED",
                        "classification", "TruePositive",
                        "determination", "malware",
                        "reason", "ws-042 isolated; SOC-77"),
                keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode updated = api.read(response);
        assertThat(updated.path("status").asString()).isEqualTo("resolved");
        assertThat(updated.path("classification").asString()).isEqualTo("truePositive");
        assertThat(incidents.patches())
                .containsExactly(json.readTree(
                        "{\"status\":\"resolved\",\"classification\":\"truePositive\",\"determination\":\"malware\"}"));
        assertThat(incidents.incident(id).path("assignedTo").asString()).startsWith("update-");

        Map<String, Object> audit = audit(response);
        assertThat(audit)
                .containsEntry("action", "defender.incidents.update")
                .containsEntry("target", "incident:" + id)
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("reason", "ws-042 isolated; SOC-77");
    }

    @Test
    void anUpdateWithABadEnumOrNoReasonIsA400ThatNeverReachesGraph() throws Exception {
        String id = incidents.add("active", "high", unique("bad"), 5);
        String key = keys.key(Role.ENGINEER);

        HttpResponse<String> badEnum =
                api.send("PATCH", "/incidents/" + id, Map.of("classification", "benign", "reason", "looks fine"), key);
        HttpResponse<String> noReason = api.send("PATCH", "/incidents/" + id, Map.of("status", "resolved"), key);
        HttpResponse<String> nothing = api.send("PATCH", "/incidents/" + id, Map.of("reason", "r"), key);

        assertThat(badEnum.statusCode()).isEqualTo(400);
        JsonNode problem = api.read(badEnum);
        assertThat(problem.path("field").asString()).isEqualTo("classification");
        assertThat(problem.path("detail").asString()).contains("truePositive");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(api.read(noReason).path("field").asString()).isEqualTo("reason");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(incidents.patches()).isEmpty();
        assertThat(graphCalls()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select outcome from audit_log where action = 'defender.incidents.update'"
                                + " and details->>'request_id' = ?",
                        String.class,
                        api.read(badEnum).path("requestId").asString()))
                .isEqualTo("FAILURE");
    }

    @Test
    void commentsAnswerTheIncidentsWholeCommentList() throws Exception {
        String id = incidents.add("active", "high", unique("comment"), 5);
        String key = keys.key(Role.ENGINEER);

        assertThat(api.post("/incidents/" + id + "/comments", Map.of("comment", "Device isolated"), key)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> second =
                api.post("/incidents/" + id + "/comments", Map.of("comment", "Package collected"), key);

        assertThat(second.statusCode()).isEqualTo(200);
        List<String> comments = new ArrayList<>();
        api.read(second).forEach(c -> comments.add(c.path("comment").asString()));
        assertThat(comments).containsExactly("Device isolated", "Package collected");
        assertThat(audit(second)).containsEntry("action", "defender.incidents.comment");
        assertThat(jdbc.queryForObject(
                        "select details->>'comment' from audit_log where details->>'request_id' = ?",
                        String.class,
                        second.headers().firstValue("X-Defender-Request-Id").orElseThrow()))
                .isEqualTo("Package collected");

        HttpResponse<String> blank = api.post("/incidents/" + id + "/comments", Map.of("comment", " "), key);
        assertThat(blank.statusCode()).isEqualTo(400);
    }

    @Test
    void analystsReadButCannotUpdateOrComment() throws Exception {
        String id = incidents.add("active", "high", unique("roles"), 5);
        String analyst = keys.key(Role.ANALYST);

        assertThat(api.send("PATCH", "/incidents/" + id, Map.of("status", "resolved", "reason", "r"), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/incidents/" + id + "/comments", Map.of("comment", "hi"), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/incidents/" + id, analyst).statusCode()).isEqualTo(200);
        assertThat(incidents.patches()).isEmpty();
        assertThat(incidents.incident(id).path("comments")).isEmpty();
    }

    @Test
    void aStormOf429sIsWaitedOut() throws Exception {
        String owner = unique("storm");
        String id = incidents.add("active", "high", owner, 5);
        incidents.throttle(3);

        HttpResponse<String> response = api.get("/incidents?assignedTo=" + encode(owner), keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.read(response).get(0).path("id").asString()).isEqualTo(id);
        assertThat(graphCalls()).hasSize(4);
    }

    @Test
    void anUnreadableGraphAnswerIsA502Problem() throws Exception {
        fake.answerMalformed();

        HttpResponse<String> response = api.get("/incidents", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = api.read(response);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-malformed-response");
        assertThat(problem.path("requestId").asString()).isNotBlank();
        assertThat(jdbc.queryForObject(
                        "select details->>'error' from audit_log where details->>'request_id' = ?",
                        String.class,
                        problem.path("requestId").asString()))
                .isEqualTo("malformed response");
    }

    @Test
    void listsAreAuditedWithTheirFiltersAndCount() throws Exception {
        String owner = unique("audit");
        incidents.add("active", "high", owner, 5);

        HttpResponse<String> response = api.get("/incidents?assignedTo=" + encode(owner), keys.key(Role.ANALYST));

        assertThat(audit(response))
                .containsEntry("action", "defender.incidents.list")
                .containsEntry("target", "defender:contoso")
                .containsEntry("outcome", "SUCCESS");
        assertThat(jdbc.queryForMap(
                        "select details->>'assignedTo' as assigned, details->>'count' as count,"
                                + " details->>'tenant' as tenant from audit_log where details->>'request_id' = ?",
                        response.headers().firstValue("X-Defender-Request-Id").orElseThrow()))
                .containsEntry("assigned", owner)
                .containsEntry("count", "1")
                .containsEntry("tenant", "contoso");
        assertThat(fake.requestIds())
                .contains(response.headers().firstValue("X-Defender-Request-Id").orElseThrow());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.com";
    }

    /** Graph calls, without token requests. */
    private static List<String> graphCalls() {
        return fake.apiRequests().stream().filter(r -> r.contains(" /v1.0/")).toList();
    }

    private Map<String, Object> audit(HttpResponse<String> response) {
        return jdbc.queryForMap(
                "select action, target, outcome, details->>'reason' as reason"
                        + " from audit_log where details->>'request_id' = ?",
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
