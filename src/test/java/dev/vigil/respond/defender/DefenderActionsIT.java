package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.Role;
import dev.vigil.respond.DefenderActionEnded;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.EndedActions;
import dev.vigil.respond.FakeDefender;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Device response over real HTTP with API keys, Vigil against {@link FakeDefender}: what each action sends
 * Defender, the stored action polled to each end state with its {@link DefenderActionEnded}, repeats
 * recognised, cancel, the package link, role refusals, bad input and the audit log.
 */
@Import(EndedActions.class)
@TestPropertySource(
        properties = {
            "vigil.defender.actions.poll-interval=100ms",
            // The actions themselves, unheld; ApprovalsIT covers holding them for a second person.
            "vigil.defender.approvals.required="
        })
class DefenderActionsIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final List<String> ids = fake.addMachines(30);
    static final String SHA1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_mda_", fake);
        registry.add("vigil.defender.max-retries", () -> "2");
    }

    @Autowired
    EndedActions events;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private static int nextMachine;

    @BeforeEach
    void reset() {
        // Earlier tests' actions left pending would be polled into this test's requests.
        jdbc.update("update defender_action set status = 'Cancelled' where status in ('Pending', 'InProgress')");
        fake.reset();
    }

    /** Defender calls other than the poller's status reads. */
    private static List<String> calls() {
        return fake.apiRequests().stream()
                .filter(r -> !r.matches("GET /api/machineactions/[0-9a-f-]+"))
                .toList();
    }

    /** A device no other test touched, so repeats and lifecycles do not meet. */
    private static synchronized String machine() {
        return ids.get(nextMachine++);
    }

    @Test
    void isolateSendsDefendersBodyAnswers202AndStoresTheAction() throws Exception {
        fake.machineActions().lifecycle();
        String machine = machine();

        HttpResponse<String> response = api.post(
                "/machines/" + machine + "/isolate",
                Map.of("type", "Selective", "comment", "Ransomware on ws; SOC-1234"),
                keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = api.read(response);
        assertThat(body.path("existing").asBoolean()).isFalse();
        JsonNode action = body.path("action");
        assertThat(action.path("type").asString()).isEqualTo("Isolate");
        assertThat(action.path("scope").asString()).isEqualTo("Selective");
        assertThat(action.path("status").asString()).isEqualTo("Pending");
        assertThat(calls()).contains("POST /api/machines/" + machine + "/isolate");
        assertThat(fake.machineActions().bodies())
                .containsExactly(
                        json.readTree("{\"Comment\":\"Ransomware on ws; SOC-1234\",\"IsolationType\":\"Selective\"}"));

        Map<String, Object> row = jdbc.queryForMap(
                "select tenant, machine_id, type, scope, requested_by, comment, status from defender_action where id = ?",
                action.path("id").asString());
        assertThat(row)
                .containsEntry("tenant", "contoso")
                .containsEntry("machine_id", machine)
                .containsEntry("type", "Isolate")
                .containsEntry("scope", "Selective")
                .containsEntry("comment", "Ransomware on ws; SOC-1234")
                .containsEntry("status", "Pending");
        assertThat(row.get("requested_by")).asString().startsWith("key:");

        String requestId =
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow();
        Map<String, Object> audit = jdbc.queryForMap(
                "select actor, action, target, outcome, details->>'action_id' as action_id,"
                        + " details->>'comment' as comment, details->>'existing' as existing"
                        + " from audit_log where details->>'request_id' = ?",
                requestId);
        assertThat(audit)
                .containsEntry("action", "defender.actions.isolate")
                .containsEntry("target", "machine:" + machine)
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("action_id", action.path("id").asString())
                .containsEntry("comment", "Ransomware on ws; SOC-1234")
                .containsEntry("existing", "false");
    }

    @Test
    void eachActionSendsItsPathAndBody() throws Exception {
        fake.machineActions().lifecycle();
        String key = keys.key(Role.ENGINEER);
        String machine = machine();

        assertThat(api.post("/machines/" + machine + "/unisolate", Map.of("comment", "clean"), key)
                        .statusCode())
                .isEqualTo(202);
        assertThat(api.post("/machines/" + machine + "/scan", Map.of("type", "Quick", "comment", "check"), key)
                        .statusCode())
                .isEqualTo(202);
        assertThat(api.post("/machines/" + machine + "/restrict", Map.of("comment", "contain"), key)
                        .statusCode())
                .isEqualTo(202);
        assertThat(api.post("/machines/" + machine + "/unrestrict", Map.of("comment", "release"), key)
                        .statusCode())
                .isEqualTo(202);
        assertThat(api.post("/machines/" + machine + "/collect", Map.of("comment", "forensics"), key)
                        .statusCode())
                .isEqualTo(202);

        assertThat(calls())
                .containsExactly(
                        "POST /api/machines/" + machine + "/unisolate",
                        "POST /api/machines/" + machine + "/runAntiVirusScan",
                        "POST /api/machines/" + machine + "/restrictCodeExecution",
                        "POST /api/machines/" + machine + "/unrestrictCodeExecution",
                        "POST /api/machines/" + machine + "/collectInvestigationPackage");
        assertThat(fake.machineActions().bodies().stream().map(JsonNode::toString))
                .containsExactly(
                        "{\"Comment\":\"clean\"}",
                        "{\"Comment\":\"check\",\"ScanType\":\"Quick\"}",
                        "{\"Comment\":\"contain\"}",
                        "{\"Comment\":\"release\"}",
                        "{\"Comment\":\"forensics\"}");
        assertThat(jdbc.queryForList(
                        "select type from defender_action where machine_id = ? order by created_at, type",
                        String.class,
                        machine))
                .containsExactlyInAnyOrder(
                        "Unisolate",
                        "RunAntiVirusScan",
                        "RestrictCodeExecution",
                        "UnrestrictCodeExecution",
                        "CollectInvestigationPackage");
    }

    @Test
    void stopAndQuarantineStartsOneActionPerDevice() throws Exception {
        fake.machineActions().lifecycle();
        String first = machine();
        String second = machine();

        HttpResponse<String> response = api.post(
                "/files/" + SHA1.toUpperCase() + "/stop-and-quarantine",
                Map.of("machineIds", List.of(first, second), "comment", "loader from IR-77"),
                keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode results = api.read(response);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("machineId").asString()).isEqualTo(first);
        assertThat(results.get(1)
                        .path("action")
                        .path("relatedFileInfo")
                        .path("fileIdentifier")
                        .asString())
                .isEqualTo(SHA1);
        assertThat(calls())
                .containsExactly(
                        "POST /api/machines/" + first + "/StopAndQuarantineFile",
                        "POST /api/machines/" + second + "/StopAndQuarantineFile");
        assertThat(fake.machineActions().bodies().get(0).toString())
                .isEqualTo("{\"Comment\":\"loader from IR-77\",\"Sha1\":\"" + SHA1 + "\"}");
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_action where file_sha1 = ? and type = 'StopAndQuarantineFile'",
                        Long.class,
                        SHA1))
                .isEqualTo(2L);
        assertThat(jdbc.queryForObject(
                        "select details->>'machines' from audit_log where target = ?",
                        String.class,
                        "file:" + SHA1.toUpperCase()))
                .isEqualTo(first + "," + second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Succeeded", "Failed", "TimeOut", "Cancelled"})
    void thePollerFollowsAnActionToItsEndAndAnnouncesIt(String end) throws Exception {
        fake.machineActions().lifecycle("InProgress", end);
        String machine = machine();

        JsonNode body = json.readTree(api.post(
                        "/machines/" + machine + "/scan",
                        Map.of("type", "Full", "comment", "sweep"),
                        keys.key(Role.ENGINEER))
                .body());
        String id = body.path("action").path("id").asString();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject("select status from defender_action where id = ?", String.class, id)
                        .equals(end));
        assertThat(jdbc.queryForList(
                        "select status from defender_action_change where action_id = ? order by seq", String.class, id))
                .containsExactly("Pending", "InProgress", end);
        assertThat(jdbc.queryForObject(
                        "select last_polled_at is not null from defender_action where id = ?", Boolean.class, id))
                .isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> events.ended.stream().anyMatch(e -> e.actionId().equals(id)));
        assertThat(events.ended.stream().filter(e -> e.actionId().equals(id)))
                .containsExactly(new DefenderActionEnded("contoso", id, machine, "RunAntiVirusScan", end));
        // An ended action is not asked for again.
        int gets = (int) fake.apiRequests().stream().filter(r -> r.endsWith(id)).count();
        Thread.sleep(400);
        assertThat(fake.apiRequests().stream().filter(r -> r.endsWith(id))).hasSize(gets);
    }

    @Test
    void anActionVigilCanNoLongerFollowEndsAsFailedAndIsAnnounced() {
        String gone = "gone-" + UUID.randomUUID();
        String forgotten = "forgotten-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        insertAction(gone, "retired-tenant", "now() - interval '1 minute'");
        insertAction(forgotten, "contoso", "now() - interval '1 hour'");
        insertAction(fresh, "contoso", "now()");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.ended.stream()
                                .filter(e -> e.actionId().equals(gone)
                                        || e.actionId().equals(forgotten))
                                .count()
                        == 2);
        assertThat(jdbc.queryForMap("select status, error from defender_action where id = ?", gone))
                .containsEntry("status", "Failed")
                .containsEntry("error", "tenant 'retired-tenant' is no longer configured");
        assertThat(jdbc.queryForMap("select status, error from defender_action where id = ?", forgotten))
                .containsEntry("status", "Failed")
                .containsEntry("error", "Defender no longer knows this action (404)");
        assertThat(events.ended.stream().filter(e -> e.actionId().equals(forgotten)))
                .containsExactly(new DefenderActionEnded("contoso", forgotten, "m-1", "Isolate", "Failed"));
        // A fresh action Defender cannot find yet keeps being followed, the 404 noted.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject("select error from defender_action where id = ?", String.class, fresh)
                        != null);
        assertThat(jdbc.queryForObject("select status from defender_action where id = ?", String.class, fresh))
                .isEqualTo("Pending");
        assertThat(events.ended.stream().filter(e -> e.actionId().equals(fresh)))
                .isEmpty();
    }

    @Test
    void aClaimedActionIsNotClaimedAgainWithinTheMinimumAge() {
        // Stamped as polled a day ahead, so the running poller leaves it alone; this store's clock is past that.
        String id = "claimed-" + UUID.randomUUID();
        insertAction(id, "contoso", "now()");
        jdbc.update("update defender_action set last_polled_at = now() + interval '1 day' where id = ?", id);
        java.time.Instant later =
                java.time.Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
        StoredActions store = new StoredActions(
                jdbc,
                new org.springframework.transaction.support.TransactionTemplate(transactions),
                java.time.Clock.fixed(later, java.time.ZoneOffset.UTC));

        List<String> first = store.claimDue(1_000, Duration.ofHours(1)).stream()
                .map(StoredActions.Row::id)
                .toList();
        List<String> second = store.claimDue(1_000, Duration.ofHours(1)).stream()
                .map(StoredActions.Row::id)
                .toList();

        assertThat(first).contains(id);
        assertThat(second).doesNotContain(id);
        jdbc.update("update defender_action set status = 'Cancelled' where id = ?", id);
    }

    private void insertAction(String id, String tenant, String createdAt) {
        jdbc.update(
                "insert into defender_action (id, tenant, machine_id, type, requested_by, comment, status,"
                        + " created_at, updated_at) values (?, ?, 'm-1', 'Isolate', 'key:test', 'test', 'Pending', "
                        + createdAt + ", now())",
                id,
                tenant);
    }

    @Test
    void aFailedPollIsRecordedOnTheActionAndTheNextGoodOneClearsIt() throws Exception {
        fake.machineActions().lifecycle();
        String id = json.readTree(api.post(
                                "/machines/" + machine() + "/restrict",
                                Map.of("comment", "contain"),
                                keys.key(Role.ENGINEER))
                        .body())
                .path("action")
                .path("id")
                .asString();

        fake.answerError(403, "Forbidden", "Missing application roles. Required: Machine.ReadWrite.All");

        // The error lives for one poll round, until the next good poll: read it once, the moment it is there.
        String error = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> jdbc.queryForObject("select error from defender_action where id = ?", String.class, id),
                        java.util.Objects::nonNull);
        assertThat(error).contains("Forbidden", "Machine.ReadWrite.All");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject("select error from defender_action where id = ?", String.class, id)
                        == null);
        assertThat(jdbc.queryForObject("select status from defender_action where id = ?", String.class, id))
                .isEqualTo("Pending");
    }

    @Test
    void aRepeatWhileTheActionRunsAnswersTheRunningOne() throws Exception {
        fake.machineActions().lifecycle();
        String key = keys.key(Role.ENGINEER);
        String machine = machine();

        HttpResponse<String> first =
                api.post("/machines/" + machine + "/isolate", Map.of("type", "Full", "comment", "contain"), key);
        HttpResponse<String> again =
                api.post("/machines/" + machine + "/isolate", Map.of("type", "Full", "comment", "contain again"), key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode repeat = api.read(again);
        assertThat(repeat.path("existing").asBoolean()).isTrue();
        assertThat(repeat.path("action").path("id").asString())
                .isEqualTo(api.read(first).path("action").path("id").asString());
        assertThat(fake.apiRequests().stream().filter(r -> r.startsWith("POST")))
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_action where machine_id = ?", Long.class, machine))
                .isEqualTo(1L);
    }

    @Test
    void anActionDefenderAlreadyRunsIsRecognisedFromItsRefusal() throws Exception {
        fake.machineActions().lifecycle();
        String machine = machine();
        String portal = fake.machineActions().startedElsewhere(machine, "RestrictCodeExecution");

        HttpResponse<String> response =
                api.post("/machines/" + machine + "/restrict", Map.of("comment", "contain"), keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.read(response);
        assertThat(body.path("existing").asBoolean()).isTrue();
        assertThat(body.path("action").path("id").asString()).isEqualTo(portal);
        assertThat(calls().get(1)).startsWith("GET /api/machineactions?");
        assertThat(URLDecoder.decode(calls().get(1), StandardCharsets.UTF_8))
                .contains("machineId eq '" + machine + "' and type eq 'RestrictCodeExecution'");
        // Kept and polled like Vigil's own from now on.
        assertThat(jdbc.queryForObject("select status from defender_action where id = ?", String.class, portal))
                .isEqualTo("Pending");
    }

    @Test
    void cancelStopsAPendingActionRecordsItAndAnnouncesIt() throws Exception {
        fake.machineActions().lifecycle();
        String key = keys.key(Role.ENGINEER);
        String machine = machine();
        String id = json.readTree(api.post("/machines/" + machine + "/collect", Map.of("comment", "forensics"), key)
                        .body())
                .path("action")
                .path("id")
                .asString();

        HttpResponse<String> blank = api.post("/actions/" + id + "/cancel", Map.of("comment", " "), key);
        HttpResponse<String> cancelled = api.post("/actions/" + id + "/cancel", Map.of("comment", "wrong device"), key);

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        JsonNode action = api.read(cancelled);
        assertThat(action.path("status").asString()).isEqualTo("Cancelled");
        assertThat(action.path("cancellationComment").asString()).isEqualTo("wrong device");
        assertThat(fake.machineActions()
                        .bodies()
                        .get(fake.machineActions().bodies().size() - 1)
                        .toString())
                .isEqualTo("{\"Comment\":\"wrong device\"}");
        assertThat(jdbc.queryForObject("select status from defender_action where id = ?", String.class, id))
                .isEqualTo("Cancelled");
        assertThat(events.ended)
                .contains(new DefenderActionEnded("contoso", id, machine, "CollectInvestigationPackage", "Cancelled"));

        HttpResponse<String> twice = api.post("/actions/" + id + "/cancel", Map.of("comment", "again"), key);
        assertThat(twice.statusCode()).isEqualTo(502);
        assertThat(api.read(twice).path("defenderCode").asString()).isEqualTo("InvalidRequest");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'defender.actions.cancel' and target = ?",
                        Long.class,
                        "action:" + id))
                .isEqualTo(3L);
    }

    @Test
    void listsAndGetsActionsAndTheCompletedPackagesLink() throws Exception {
        fake.machineActions().lifecycle("Succeeded");
        String key = keys.key(Role.ENGINEER);
        String machine = machine();
        String id = json.readTree(api.post("/machines/" + machine + "/collect", Map.of("comment", "forensics"), key)
                        .body())
                .path("action")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "Succeeded"
                        .equals(jdbc.queryForObject(
                                "select status from defender_action where id = ?", String.class, id)));

        HttpResponse<String> list = api.get(
                "/actions?machineId=" + machine + "&type=CollectInvestigationPackage&status=Succeeded",
                keys.key(Role.ANALYST));
        HttpResponse<String> one = api.get("/actions/" + id, keys.key(Role.ANALYST));
        HttpResponse<String> link = api.get("/actions/" + id + "/package-uri", key);
        HttpResponse<String> analystLink = api.get("/actions/" + id + "/package-uri", keys.key(Role.ANALYST));
        HttpResponse<String> badStatus = api.get("/actions?status=Done", keys.key(Role.ANALYST));

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(api.read(list)).hasSize(1);
        assertThat(api.read(list).get(0).path("id").asString()).isEqualTo(id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(api.read(one).path("status").asString()).isEqualTo("Succeeded");
        assertThat(link.statusCode()).isEqualTo(200);
        assertThat(api.read(link).path("uri").asString())
                .startsWith("https://userrequests-us.securitycenter.windows.com:443/safedownload/")
                .doesNotContain("\"");
        assertThat(analystLink.statusCode()).isEqualTo(403);
        assertThat(badStatus.statusCode()).isEqualTo(400);
    }

    @Test
    void rolesDecideWhoMayRespondAndWhoMayOffboard() throws Exception {
        fake.machineActions().lifecycle();
        String machine = machine();

        HttpResponse<String> analyst = api.post(
                "/machines/" + machine + "/isolate", Map.of("type", "Full", "comment", "x"), keys.key(Role.ANALYST));
        HttpResponse<String> engineer = api.post(
                "/machines/" + machine + "/offboard", Map.of("comment", "decommissioned"), keys.key(Role.ENGINEER));
        HttpResponse<String> admin = api.post(
                "/machines/" + machine + "/offboard", Map.of("comment", "decommissioned"), keys.key(Role.ADMIN));

        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(engineer.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).isEqualTo(202);
        assertThat(api.read(admin).path("action").path("type").asString()).isEqualTo("Offboard");
        assertThat(calls()).containsExactly("POST /api/machines/" + machine + "/offboard");
        assertThat(fake.machineActions().bodies().get(0).toString()).isEqualTo("{\"Comment\":\"decommissioned\"}");
    }

    @Test
    void badInputIsABadRequestThatNeverReachesDefender() throws Exception {
        String key = keys.key(Role.ENGINEER);
        String machine = machine();

        HttpResponse<String> blank =
                api.post("/machines/" + machine + "/isolate", Map.of("type", "Full", "comment", "  "), key);
        HttpResponse<String> missing = api.post("/machines/" + machine + "/restrict", Map.of(), key);
        HttpResponse<String> badType =
                api.post("/machines/" + machine + "/isolate", Map.of("type", "Partial", "comment", "x"), key);
        HttpResponse<String> noScanType = api.post("/machines/" + machine + "/scan", Map.of("comment", "x"), key);
        HttpResponse<String> badSha1 = api.post(
                "/files/abc123/stop-and-quarantine", Map.of("machineIds", List.of(machine), "comment", "x"), key);
        HttpResponse<String> noMachines = api.post(
                "/files/" + SHA1 + "/stop-and-quarantine", Map.of("machineIds", List.of(), "comment", "x"), key);

        for (HttpResponse<String> response : List.of(blank, missing, badType, noScanType, badSha1, noMachines)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(api.read(blank).path("detail").asString()).contains("comment");
        assertThat(calls()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select details->>'error' from audit_log where action = 'defender.actions.isolate'"
                                + " and target = ? and details->>'comment' = '  '",
                        String.class,
                        "machine:" + machine))
                // The audit says why, as the caller was told.
                .isEqualTo("bad request: 'comment' is required: say why");
    }

    @Test
    void defendersRefusalOfAnActionIsABadGatewayAndNothingIsStored() throws Exception {
        fake.answerError(403, "Forbidden", "Missing application roles. Required: Machine.Isolate");
        String machine = machine();

        HttpResponse<String> response = api.post(
                "/machines/" + machine + "/isolate",
                Map.of("type", "Full", "comment", "contain"),
                keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(api.read(response).path("defenderMessage").asString()).contains("Machine.Isolate");
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_action where machine_id = ?", Long.class, machine))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select outcome from audit_log where action = 'defender.actions.isolate' and target = ?",
                        String.class,
                        "machine:" + machine))
                .isEqualTo("FAILURE");
    }
}
