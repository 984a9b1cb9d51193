package dev.vigil.respond.defender.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import dev.vigil.access.Users;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeDetectionRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Second-person approval over real HTTP, Vigil against {@link FakeDefender}: a gated request is held with a
 * preview and reaches Defender only once another person with the operation's permission approves; the
 * requester, a key bound to nobody and a lesser role cannot; two approvers at once run it once; rejected and
 * expired requests never run; a preview changes nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "vigil.defender.actions.poll-interval=1h",
            "vigil.defender.approvals.required=offboard,isolate,stop-and-quarantine,indicators-bulk-block,rule-delete"
        })
class ApprovalsIT {

    static final FakeDefender fake = new FakeDefender();
    static final List<String> ids = fake.addMachines(20);
    static final String SHA1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";
    static final FakeDetectionRules graphRules = new FakeDetectionRules(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_apv_");
        fake.register(registry);
        registry.add("vigil.defender.retry-backoff", () -> "10ms");
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    Users users;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private static int nextMachine;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private static synchronized String machine() {
        return ids.get(nextMachine++);
    }

    /** Defender writes: what a held request must not cause before its approval. */
    private static List<String> writes() {
        return fake.apiRequests().stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    @Test
    void anOffboardIsHeldWithAPreviewAndRunsOnceAnotherAdminApproves() throws Exception {
        String machine = machine();
        String alice = person(Role.ADMIN);
        HttpResponse<String> held =
                post("/machines/" + machine + "/offboard", Map.of("comment", "decommissioned; SOC-77"), alice);

        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode approval = json.readTree(held.body());
        assertThat(approval.path("status").asString()).isEqualTo("pending");
        assertThat(approval.path("operation").asString()).isEqualTo("offboard");
        assertThat(approval.path("reason").asString()).isEqualTo("decommissioned; SOC-77");
        JsonNode device = approval.path("preview").path("devices").path(0);
        assertThat(device.path("found").asBoolean()).isTrue();
        assertThat(device.path("computerDnsName").asString()).endsWith(".contoso.com");
        assertThat(device.path("loggedOnUsers").path(0).path("accountName").asString())
                .startsWith("user");
        assertThat(writes()).isEmpty();

        String id = approval.path("id").asString();
        HttpResponse<String> listed = get("/approvals?status=pending", person(Role.ANALYST));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).findValuesAsString("id")).contains(id);

        HttpResponse<String> approved =
                post("/approvals/" + id + "/approve", Map.of("comment", "confirmed"), person(Role.ADMIN));

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode done = json.readTree(approved.body());
        assertThat(done.path("status").asString()).isEqualTo("executed");
        assertThat(done.path("result").path("action").path("type").asString()).isEqualTo("Offboard");
        assertThat(writes()).containsExactly("POST /api/machines/" + machine + "/offboard");
        assertThat(fake.machineActions().bodies().get(0).toString())
                .isEqualTo("{\"Comment\":\"decommissioned; SOC-77\"}");
        // The action is the requester's; the approver is on the approval and in the audit.
        assertThat(jdbc.queryForObject(
                        "select requested_by from defender_action where id = ?",
                        String.class,
                        done.path("result").path("action").path("id").asString()))
                .isEqualTo(approval.path("requestedBy").asString());
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'defender.approvals.approve'"
                                + " and target = ? and outcome = 'SUCCESS' and details->>'operation' = 'offboard'",
                        Integer.class,
                        "approval:" + id))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'defender.approvals.hold'"
                                + " and details->>'approval_id' = ?",
                        Integer.class,
                        id))
                .isOne();

        HttpResponse<String> again =
                post("/approvals/" + id + "/approve", Map.of("comment", "again"), person(Role.ADMIN));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("status").asString()).isEqualTo("executed");
        assertThat(writes()).hasSize(1);
    }

    @Test
    void theRequesterAKeyOfNobodyAndALesserRoleCannotApprove() throws Exception {
        String machine = machine();
        String aliceUser = "alice-" + UUID.randomUUID();
        users.create(aliceUser, Role.ADMIN, null, null);
        String alice = keyOf(aliceUser, Role.ADMIN);
        String aliceAgain = keyOf(aliceUser, Role.ADMIN);
        String id = json.readTree(post("/machines/" + machine + "/offboard", Map.of("comment", "retire"), alice)
                        .body())
                .path("id")
                .asString();

        HttpResponse<String> self = post("/approvals/" + id + "/approve", Map.of("comment", "ok"), aliceAgain);
        HttpResponse<String> nobody = post(
                "/approvals/" + id + "/approve",
                Map.of("comment", "ok"),
                keys.create("unbound " + UUID.randomUUID(), Role.ADMIN).key());
        HttpResponse<String> engineer =
                post("/approvals/" + id + "/approve", Map.of("comment", "ok"), person(Role.ENGINEER));
        HttpResponse<String> analyst =
                post("/approvals/" + id + "/approve", Map.of("comment", "ok"), person(Role.ANALYST));
        HttpResponse<String> noComment = post("/approvals/" + id + "/approve", Map.of(), person(Role.ADMIN));

        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(json.readTree(self.body()).path("detail").asString()).contains("second person");
        assertThat(nobody.statusCode()).isEqualTo(403);
        assertThat(json.readTree(nobody.body()).path("detail").asString()).contains("needs a person");
        assertThat(engineer.statusCode()).isEqualTo(403);
        assertThat(json.readTree(engineer.body()).path("detail").asString()).contains("defender:admin");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(noComment.statusCode()).isEqualTo(400);
        assertThat(writes()).isEmpty();
        assertThat(json.readTree(get("/approvals/" + id, alice).body())
                        .path("status")
                        .asString())
                .isEqualTo("pending");
    }

    @Test
    void twoApproversAtOnceRunTheRequestOnce() throws Exception {
        String machine = machine();
        String id = json.readTree(post(
                                "/machines/" + machine + "/isolate",
                                Map.of("type", "Full", "comment", "beaconing"),
                                person(Role.ENGINEER))
                        .body())
                .path("id")
                .asString();
        String bob = person(Role.ENGINEER);
        String carol = person(Role.ENGINEER);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String key : List.of(bob, carol)) {
            Callable<HttpResponse<String>> approve =
                    () -> post("/approvals/" + id + "/approve", Map.of("comment", "go"), key);
            answers.add(pool.submit(approve));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            statuses.add(answer.get().statusCode());
        }
        pool.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(writes()).containsExactly("POST /api/machines/" + machine + "/isolate");
        assertThat(fake.machineActions().bodies().get(0).toString())
                .isEqualTo("{\"Comment\":\"beaconing\",\"IsolationType\":\"Full\"}");
    }

    @Test
    void rejectedAndExpiredRequestsNeverRun() throws Exception {
        String requester = person(Role.ENGINEER);
        String first = json.readTree(post(
                                "/machines/" + machine() + "/isolate",
                                Map.of("type", "Selective", "comment", "maybe"),
                                requester)
                        .body())
                .path("id")
                .asString();
        String second = json.readTree(post(
                                "/machines/" + machine() + "/isolate",
                                Map.of("type", "Selective", "comment", "maybe later"),
                                requester)
                        .body())
                .path("id")
                .asString();

        // The requester may withdraw their own request.
        HttpResponse<String> withdrawn =
                post("/approvals/" + first + "/reject", Map.of("comment", "false alarm"), requester);
        jdbc.update("update defender_approval set expires_at = now() - interval '1 minute' where id = ?::uuid", second);
        HttpResponse<String> lateApproval =
                post("/approvals/" + first + "/approve", Map.of("comment", "go"), person(Role.ENGINEER));
        HttpResponse<String> expiredApproval =
                post("/approvals/" + second + "/approve", Map.of("comment", "go"), person(Role.ENGINEER));

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(json.readTree(withdrawn.body()).path("status").asString()).isEqualTo("rejected");
        assertThat(lateApproval.statusCode()).isEqualTo(409);
        assertThat(expiredApproval.statusCode()).isEqualTo(409);
        assertThat(json.readTree(expiredApproval.body()).path("status").asString())
                .isEqualTo("expired");
        assertThat(json.readTree(get("/approvals?status=expired", requester).body())
                        .findValuesAsString("id"))
                .contains(second);
        assertThat(writes()).isEmpty();
    }

    @Test
    void aPreviewSaysWhatWouldBeAffectedAndChangesNothing() throws Exception {
        String known = machine();
        int before = jdbc.queryForObject("select count(*) from defender_approval", Integer.class);

        HttpResponse<String> preview = post(
                "/files/" + SHA1 + "/stop-and-quarantine?preview=true",
                Map.of("machineIds", List.of(known, "ffffffffffffffffffffffffffffffffffffffff"), "comment", "emotet"),
                person(Role.ENGINEER));

        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(preview.body());
        assertThat(body.path("approvalRequired").asBoolean()).isTrue();
        assertThat(body.path("preview").path("sha1").asString()).isEqualTo(SHA1);
        JsonNode devices = body.path("preview").path("devices");
        assertThat(devices.path(0).path("found").asBoolean()).isTrue();
        assertThat(devices.path(0).path("healthStatus").asString()).isNotBlank();
        assertThat(devices.path(1).path("found").asBoolean()).isFalse();
        assertThat(writes()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from defender_approval", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void aBulkImportThatBlocksIsHeldAndAnAlertOnlyImportIsNot() throws Exception {
        String engineer = person(Role.ENGINEER);
        List<Map<String, Object>> blocking = List.of(
                indicator("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Block"),
                indicator("b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Audit"));
        HttpResponse<String> held =
                post("/indicators/import", Map.of("reason", "IR-12 hashes", "indicators", blocking), engineer);
        HttpResponse<String> alertOnly = post(
                "/indicators/import",
                Map.of(
                        "reason",
                        "watch",
                        "indicators",
                        List.of(indicator(
                                "c1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Audit"))),
                engineer);
        HttpResponse<String> invalid = post(
                "/indicators/import",
                Map.of("reason", "bad", "indicators", List.of(indicator("not-a-hash", "Block"))),
                engineer);

        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode preview = json.readTree(held.body()).path("preview");
        assertThat(preview.path("blocking").asInt()).isOne();
        assertThat(preview.path("byAction").path("Audit").asInt()).isOne();
        assertThat(alertOnly.statusCode()).isEqualTo(200);
        HttpResponse<String> alertOnlyPreview = post(
                "/indicators/import?preview=true",
                Map.of(
                        "reason",
                        "watch",
                        "indicators",
                        List.of(indicator(
                                "d1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Audit"))),
                engineer);
        assertThat(alertOnlyPreview.statusCode()).isEqualTo(200);
        assertThat(json.readTree(alertOnlyPreview.body())
                        .path("approvalRequired")
                        .asBoolean())
                .isFalse();
        assertThat(json.readTree(alertOnlyPreview.body())
                        .path("preview")
                        .path("blocking")
                        .asInt())
                .isZero();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(writes()).containsExactly("POST /api/indicators/import");

        String id = json.readTree(held.body()).path("id").asString();
        HttpResponse<String> approved =
                post("/approvals/" + id + "/approve", Map.of("comment", "checked"), person(Role.ENGINEER));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(approved.body())
                        .path("result")
                        .path("imported")
                        .asInt())
                .isEqualTo(2);
        assertThat(fake.indicators().stream().map(i -> i.path("action").asString()))
                .contains("Block");
    }

    @Test
    void deletingADetectionRuleWaitsForASecondAdmin() throws Exception {
        Map<String, Object> rule = Map.of(
                "displayName", "Encoded PowerShell from Office",
                "isEnabled", true,
                "queryCondition",
                        Map.of(
                                "queryText",
                                "DeviceProcessEvents | where ProcessCommandLine has '-enc'"
                                        + " | project Timestamp, DeviceId, ReportId"),
                "schedule", Map.of("period", "1H"),
                "detectionAction",
                        Map.of(
                                "alertTemplate",
                                Map.of(
                                        "title", "Encoded PowerShell",
                                        "description", "Office spawned encoded PowerShell",
                                        "severity", "high",
                                        "category", "Execution",
                                        "impactedAssets",
                                                List.of(Map.of(
                                                        "@odata.type",
                                                        "#microsoft.graph.security.impactedDeviceAsset",
                                                        "identifier",
                                                        "deviceId")))));
        HttpResponse<String> created =
                post("/rules", Map.of("reason", "IR-9 detection", "rule", rule), person(Role.ENGINEER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asString();

        HttpResponse<String> held = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/defender/contoso/rules/" + id
                                + "?reason=superseded"))
                        .header("Authorization", "Bearer " + person(Role.ADMIN))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode approval = json.readTree(held.body());
        assertThat(approval.path("preview").path("displayName").asString()).isEqualTo("Encoded PowerShell from Office");
        assertThat(graphRules.rules()).hasSize(1);
        HttpResponse<String> approved = post(
                "/approvals/" + approval.path("id").asString() + "/approve",
                Map.of("comment", "yes, 5200 replaces it"),
                person(Role.ADMIN));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(approved.body()).path("result").path("deleted").asString())
                .isEqualTo(id);
        assertThat(graphRules.rules()).isEmpty();
    }

    @Test
    void aGatedRequestFromAKeyBoundToNobodyIsRefusedSoNoOneApprovesTheirOwn() throws Exception {
        String machine = machine();
        String unbound = keys.create("unbound requester " + UUID.randomUUID(), Role.ADMIN)
                .key();

        HttpResponse<String> refused = post("/machines/" + machine + "/offboard", Map.of("comment", "retire"), unbound);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).path("detail").asString()).contains("asked for by a person");
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_approval where target = ?", Integer.class, "machine:" + machine))
                .isZero();
        assertThat(writes()).isEmpty();
    }

    @Test
    void anApprovedRunThatNeverRecordedItsOutcomeIsShownAsFailedNotApprovedForEver() throws Exception {
        String requester = person(Role.ENGINEER);
        String id = json.readTree(post(
                                "/machines/" + machine() + "/isolate",
                                Map.of("type", "Full", "comment", "interrupted"),
                                requester)
                        .body())
                .path("id")
                .asString();
        // As if the instance running it died between the approval and its outcome.
        jdbc.update(
                "update defender_approval set status = 'approved', decided_at = now() - interval '1 hour'"
                        + " where id = ?::uuid",
                id);

        JsonNode shown = json.readTree(get("/approvals/" + id, requester).body());

        assertThat(shown.path("status").asString()).isEqualTo("failed");
        assertThat(shown.path("error").asString()).contains("outcome unknown");
    }

    @Test
    void anUnknownApprovalIsNotFoundAndABadIdIsABadRequest() throws Exception {
        String key = person(Role.ENGINEER);
        assertThat(get("/approvals/" + UUID.randomUUID(), key).statusCode()).isEqualTo(404);
        assertThat(get("/approvals/not-a-uuid", key).statusCode()).isEqualTo(400);
        assertThat(get("/approvals?status=maybe", key).statusCode()).isEqualTo(400);
    }

    private static Map<String, Object> indicator(String sha256, String action) {
        return Map.of(
                "indicatorValue", sha256,
                "indicatorType", "FileSha256",
                "action", action,
                "severity", "High",
                "title", "IR-12",
                "description", "seen in IR-12",
                "generateAlert", true);
    }

    /** A key bound to a new user of the role: one person. */
    private String person(Role role) {
        String name = "person-" + UUID.randomUUID();
        users.create(name, role, null, null);
        return keyOf(name, role);
    }

    private String keyOf(String user, Role role) {
        return keys.create(new NewApiKey("approvals test " + UUID.randomUUID(), role, user, null, Set.of()))
                .key();
    }

    private HttpResponse<String> post(String path, Map<String, ?> body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/defender/contoso" + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/defender/contoso" + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
