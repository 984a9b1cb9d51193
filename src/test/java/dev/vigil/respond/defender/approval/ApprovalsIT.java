package dev.vigil.respond.defender.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.Role;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeDetectionRules;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Second-person approval over real HTTP, Vigil against {@link FakeDefender}: a gated request is held with a
 * preview and reaches Defender only once another person with the operation's permission approves; the
 * requester, a key bound to nobody and a lesser role cannot; two approvers at once run it once; rejected and
 * expired requests never run; a preview changes nothing. A gated request must itself come from a key bound to
 * a person, so requesters here are {@code keys.person(role)}; a key bound to nobody is refused outright.
 */
@TestPropertySource(
        properties = {
            "vigil.defender.actions.poll-interval=1h",
            "vigil.defender.approvals.required=offboard,isolate,stop-and-quarantine,indicators-bulk-block,rule-delete"
        })
class ApprovalsIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final List<String> ids = fake.addMachines(20);
    static final String SHA1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";
    static final FakeDetectionRules graphRules = new FakeDetectionRules(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_apv_", fake);
    }

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
        String alice = keys.person(Role.ADMIN);
        HttpResponse<String> held =
                api.post("/machines/" + machine + "/offboard", Map.of("comment", "decommissioned; SOC-77"), alice);

        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode approval = api.read(held);
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
        HttpResponse<String> listed = api.get("/approvals?status=pending", keys.person(Role.ANALYST));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(api.read(listed).findValuesAsString("id")).contains(id);

        HttpResponse<String> approved =
                api.post("/approvals/" + id + "/approve", Map.of("comment", "confirmed"), keys.person(Role.ADMIN));

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode done = api.read(approved);
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
                api.post("/approvals/" + id + "/approve", Map.of("comment", "again"), keys.person(Role.ADMIN));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.read(again).path("status").asString()).isEqualTo("executed");
        assertThat(writes()).hasSize(1);
    }

    @Test
    void theRequesterAKeyOfNobodyAndALesserRoleCannotApprove() throws Exception {
        String machine = machine();
        String aliceUser = keys.user(Role.ADMIN);
        String alice = keys.keyOf(aliceUser, Role.ADMIN);
        String aliceAgain = keys.keyOf(aliceUser, Role.ADMIN);
        String id = json.readTree(api.post("/machines/" + machine + "/offboard", Map.of("comment", "retire"), alice)
                        .body())
                .path("id")
                .asString();

        HttpResponse<String> self = api.post("/approvals/" + id + "/approve", Map.of("comment", "ok"), aliceAgain);
        HttpResponse<String> nobody =
                api.post("/approvals/" + id + "/approve", Map.of("comment", "ok"), keys.key(Role.ADMIN));
        HttpResponse<String> engineer =
                api.post("/approvals/" + id + "/approve", Map.of("comment", "ok"), keys.person(Role.ENGINEER));
        HttpResponse<String> analyst =
                api.post("/approvals/" + id + "/approve", Map.of("comment", "ok"), keys.person(Role.ANALYST));
        HttpResponse<String> noComment = api.post("/approvals/" + id + "/approve", Map.of(), keys.person(Role.ADMIN));

        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(api.read(self).path("detail").asString()).contains("second person");
        assertThat(nobody.statusCode()).isEqualTo(403);
        assertThat(api.read(nobody).path("detail").asString()).contains("needs a person");
        assertThat(engineer.statusCode()).isEqualTo(403);
        assertThat(api.read(engineer).path("detail").asString()).contains("defender:admin");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(noComment.statusCode()).isEqualTo(400);
        assertThat(writes()).isEmpty();
        assertThat(json.readTree(api.get("/approvals/" + id, alice).body())
                        .path("status")
                        .asString())
                .isEqualTo("pending");
    }

    @Test
    void twoApproversAtOnceRunTheRequestOnce() throws Exception {
        String machine = machine();
        String id = json.readTree(api.post(
                                "/machines/" + machine + "/isolate",
                                Map.of("type", "Full", "comment", "beaconing"),
                                keys.person(Role.ENGINEER))
                        .body())
                .path("id")
                .asString();
        String bob = keys.person(Role.ENGINEER);
        String carol = keys.person(Role.ENGINEER);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String key : List.of(bob, carol)) {
            Callable<HttpResponse<String>> approve =
                    () -> api.post("/approvals/" + id + "/approve", Map.of("comment", "go"), key);
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
        String requester = keys.person(Role.ENGINEER);
        String first = json.readTree(api.post(
                                "/machines/" + machine() + "/isolate",
                                Map.of("type", "Selective", "comment", "maybe"),
                                requester)
                        .body())
                .path("id")
                .asString();
        String second = json.readTree(api.post(
                                "/machines/" + machine() + "/isolate",
                                Map.of("type", "Selective", "comment", "maybe later"),
                                requester)
                        .body())
                .path("id")
                .asString();

        // The requester may withdraw their own request.
        HttpResponse<String> withdrawn =
                api.post("/approvals/" + first + "/reject", Map.of("comment", "false alarm"), requester);
        jdbc.update("update defender_approval set expires_at = now() - interval '1 minute' where id = ?::uuid", second);
        HttpResponse<String> lateApproval =
                api.post("/approvals/" + first + "/approve", Map.of("comment", "go"), keys.person(Role.ENGINEER));
        HttpResponse<String> expiredApproval =
                api.post("/approvals/" + second + "/approve", Map.of("comment", "go"), keys.person(Role.ENGINEER));

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(api.read(withdrawn).path("status").asString()).isEqualTo("rejected");
        assertThat(lateApproval.statusCode()).isEqualTo(409);
        assertThat(expiredApproval.statusCode()).isEqualTo(409);
        assertThat(api.read(expiredApproval).path("status").asString()).isEqualTo("expired");
        assertThat(json.readTree(api.get("/approvals?status=expired", requester).body())
                        .findValuesAsString("id"))
                .contains(second);
        assertThat(writes()).isEmpty();
    }

    @Test
    void aPreviewSaysWhatWouldBeAffectedAndChangesNothing() throws Exception {
        String known = machine();
        int before = jdbc.queryForObject("select count(*) from defender_approval", Integer.class);

        HttpResponse<String> preview = api.post(
                "/files/" + SHA1 + "/stop-and-quarantine?preview=true",
                Map.of("machineIds", List.of(known, "ffffffffffffffffffffffffffffffffffffffff"), "comment", "emotet"),
                keys.person(Role.ENGINEER));

        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode body = api.read(preview);
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
        String engineer = keys.person(Role.ENGINEER);
        List<Map<String, Object>> blocking = List.of(
                indicator("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Block"),
                indicator("b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Audit"));
        HttpResponse<String> held =
                api.post("/indicators/import", Map.of("reason", "IR-12 hashes", "indicators", blocking), engineer);
        HttpResponse<String> alertOnly = api.post(
                "/indicators/import",
                Map.of(
                        "reason",
                        "watch",
                        "indicators",
                        List.of(indicator(
                                "c1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Audit"))),
                engineer);
        HttpResponse<String> invalid = api.post(
                "/indicators/import",
                Map.of("reason", "bad", "indicators", List.of(indicator("not-a-hash", "Block"))),
                engineer);

        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode preview = api.read(held).path("preview");
        assertThat(preview.path("blocking").asInt()).isOne();
        assertThat(preview.path("byAction").path("Audit").asInt()).isOne();
        assertThat(alertOnly.statusCode()).isEqualTo(200);
        HttpResponse<String> alertOnlyPreview = api.post(
                "/indicators/import?preview=true",
                Map.of(
                        "reason",
                        "watch",
                        "indicators",
                        List.of(indicator(
                                "d1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "Audit"))),
                engineer);
        assertThat(alertOnlyPreview.statusCode()).isEqualTo(200);
        assertThat(api.read(alertOnlyPreview).path("approvalRequired").asBoolean())
                .isFalse();
        assertThat(api.read(alertOnlyPreview).path("preview").path("blocking").asInt())
                .isZero();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(writes()).containsExactly("POST /api/indicators/import");

        String id = api.read(held).path("id").asString();
        HttpResponse<String> approved =
                api.post("/approvals/" + id + "/approve", Map.of("comment", "checked"), keys.person(Role.ENGINEER));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(api.read(approved).path("result").path("imported").asInt()).isEqualTo(2);
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
                api.post("/rules", Map.of("reason", "IR-9 detection", "rule", rule), keys.person(Role.ENGINEER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = api.read(created).path("id").asString();

        HttpResponse<String> held = api.delete("/rules/" + id + "?reason=superseded", keys.person(Role.ADMIN));

        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode approval = api.read(held);
        assertThat(approval.path("preview").path("displayName").asString()).isEqualTo("Encoded PowerShell from Office");
        assertThat(graphRules.rules()).hasSize(1);
        HttpResponse<String> approved = api.post(
                "/approvals/" + approval.path("id").asString() + "/approve",
                Map.of("comment", "yes, 5200 replaces it"),
                keys.person(Role.ADMIN));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(api.read(approved).path("result").path("deleted").asString()).isEqualTo(id);
        assertThat(graphRules.rules()).isEmpty();
    }

    @Test
    void aGatedRequestFromAKeyBoundToNobodyIsRefusedSoNoOneApprovesTheirOwn() throws Exception {
        String machine = machine();
        // An admin's key, owned by no user: no one could tell its requester from its approver.
        String unbound = keys.key(Role.ADMIN);

        HttpResponse<String> refused =
                api.post("/machines/" + machine + "/offboard", Map.of("comment", "retire"), unbound);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.read(refused).path("detail").asString()).contains("asked for by a person");
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_approval where target = ?", Integer.class, "machine:" + machine))
                .isZero();
        assertThat(writes()).isEmpty();
    }

    @Test
    void anApprovedRunThatNeverRecordedItsOutcomeIsShownAsFailedNotApprovedForEver() throws Exception {
        String requester = keys.person(Role.ENGINEER);
        String id = api.read(api.post(
                        "/machines/" + machine() + "/isolate",
                        Map.of("type", "Full", "comment", "interrupted"),
                        requester))
                .path("id")
                .asString();
        // As if the instance running it died between the approval and its outcome.
        jdbc.update(
                "update defender_approval set status = 'approved', decided_at = now() - interval '1 hour'"
                        + " where id = ?::uuid",
                id);

        JsonNode shown = api.read(api.get("/approvals/" + id, requester));

        assertThat(shown.path("status").asString()).isEqualTo("failed");
        assertThat(shown.path("error").asString()).contains("outcome unknown");
    }

    @Test
    void anUnknownApprovalIsNotFoundAndABadIdIsABadRequest() throws Exception {
        String key = keys.person(Role.ENGINEER);
        assertThat(api.get("/approvals/" + UUID.randomUUID(), key).statusCode()).isEqualTo(404);
        assertThat(api.get("/approvals/not-a-uuid", key).statusCode()).isEqualTo(400);
        assertThat(api.get("/approvals?status=maybe", key).statusCode()).isEqualTo(400);
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
}
