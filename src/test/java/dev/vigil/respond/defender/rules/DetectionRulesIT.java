package dev.vigil.respond.defender.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeDetectionRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Custom detection rules over real HTTP with API keys, Vigil against {@link FakeDetectionRules}: create,
 * change, enable, delete by role, Vigil's checks before Graph, Graph's refusals, paging, backup and restore
 * (recreating what was deleted, idempotent the second time, dry runs), throttling, and the audit log.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class DetectionRulesIT {

    static final FakeDefender fake = new FakeDefender();
    static final FakeDetectionRules graphRules = new FakeDetectionRules(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_dr_");
        fake.register(registry);
        registry.add("vigil.defender.retry-backoff", () -> "10ms");
        registry.add("vigil.defender.max-retries", () -> "3");
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
    JdbcTemplate jdbc;

    @Autowired
    DetectionRules rules;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void reset() {
        fake.reset();
        graphRules.reset();
    }

    @Test
    void createStripsServerSetFieldsAnswers201AndAuditsTheReason() throws Exception {
        ObjectNode rule = RuleCheckTest.alerting();

        HttpResponse<String> response =
                send("POST", "/rules", Map.of("reason", "new coverage for T1059", "rule", rule), key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = json.readTree(response.body());
        assertThat(created.path("id").asString()).isNotEqualTo("5102").matches("[0-9]+");
        assertThat(created.path("createdBy").asString()).isEqualTo("vigil@contoso.com");
        assertThat(created.path("detectionAction")
                        .path("alertTemplate")
                        .path("severity")
                        .asString())
                .isEqualTo("high");
        assertThat(graphRules.rules()).hasSize(1);
        assertThat(graphRules.writes()).containsExactly("POST /beta/security/rules/detectionRules");

        Map<String, Object> audit = audit(response);
        assertThat(audit)
                .containsEntry("action", "defender.rules.create")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("reason", "new coverage for T1059")
                .containsEntry("rule_id", created.path("id").asString());
    }

    @Test
    void anInvalidRuleOrAMissingReasonIsA400ThatNeverReachesGraph() throws Exception {
        String key = key(Role.ENGINEER);
        ObjectNode badPeriod = RuleCheckTest.alerting();
        ((ObjectNode) badPeriod.get("schedule")).put("period", "2H");
        ObjectNode noAssets = RuleCheckTest.alerting();
        ((ObjectNode) noAssets.path("detectionAction").path("alertTemplate")).remove("impactedAssets");

        HttpResponse<String> period = send("POST", "/rules", Map.of("reason", "r", "rule", badPeriod), key);
        HttpResponse<String> assets = send("POST", "/rules", Map.of("reason", "r", "rule", noAssets), key);
        HttpResponse<String> noReason = send("POST", "/rules", Map.of("rule", RuleCheckTest.alerting()), key);

        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(json.readTree(period.body()).path("field").asString()).isEqualTo("schedule.period");
        assertThat(json.readTree(period.body()).path("type").asString())
                .isEqualTo("urn:vigil:problem:defender-rule-invalid");
        assertThat(assets.statusCode()).isEqualTo(400);
        assertThat(json.readTree(assets.body()).path("field").asString()).isEqualTo("alertTemplate.impactedAssets");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noReason.body()).path("field").asString()).isEqualTo("reason");
        assertThat(graphRules.writes()).isEmpty();
    }

    @Test
    void graphsRefusalOfARuleIsTheCallers400() throws Exception {
        ObjectNode rule = RuleCheckTest.alerting().put("huntingScope", "everything");

        HttpResponse<String> response = send("POST", "/rules", Map.of("reason", "r", "rule", rule), key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("defenderCode").asString()).isEqualTo("BadRequest");
        assertThat(problem.path("defenderMessage").asString()).contains("huntingScope");
    }

    @Test
    void rolesDecideWhoReadsChangesAndDeletes() throws Exception {
        String id = created("Role test");
        String analyst = key(Role.ANALYST);
        String engineer = key(Role.ENGINEER);

        assertThat(get("/rules/" + id, analyst).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/rules", Map.of("reason", "r", "rule", RuleCheckTest.alerting()), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/rules/" + id + "/disable", Map.of("reason", "r"), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(delete("/rules/" + id + "?reason=r", analyst).statusCode()).isEqualTo(403);
        assertThat(delete("/rules/" + id + "?reason=r", engineer).statusCode()).isEqualTo(403);
        assertThat(graphRules.writes()).containsExactly("POST /beta/security/rules/detectionRules");

        HttpResponse<String> noReason = delete("/rules/" + id, key(Role.ADMIN));
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> deleted = delete("/rules/" + id + "?reason=superseded+by+5200", key(Role.ADMIN));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(graphRules.rules()).isEmpty();
        assertThat(audit(deleted))
                .containsEntry("action", "defender.rules.delete")
                .containsEntry("target", "rule:" + id)
                .containsEntry("reason", "superseded by 5200");

        HttpResponse<String> again = delete("/rules/" + id + "?reason=r", key(Role.ADMIN));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json.readTree(again.body()).path("defenderCode").asString()).isEqualTo("itemNotFound");
    }

    @Test
    void aDeletePreviewShowsTheRuleAndDeletesNothing() throws Exception {
        String id = created("Preview test");

        HttpResponse<String> preview = delete("/rules/" + id + "?reason=cleanup&preview=true", key(Role.ADMIN));

        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(preview.body());
        assertThat(body.path("operation").asString()).isEqualTo("rule-delete");
        assertThat(body.path("approvalRequired").asBoolean()).isFalse();
        assertThat(body.path("preview").path("displayName").asString()).isEqualTo("Preview test");
        assertThat(body.path("preview").path("queryCondition").path("queryText").asString())
                .isNotBlank();
        assertThat(graphRules.rules()).extracting(r -> r.path("id").asString()).contains(id);
        assertThat(delete("/rules/" + id + "?reason=cleanup&preview=true", key(Role.ENGINEER))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRuleThatActsByItselfIsAnAdminsToWriteChangeOrEnable() throws Exception {
        String engineer = key(Role.ENGINEER);
        String admin = key(Role.ADMIN);
        ObjectNode acting = RuleCheckTest.rule().put("displayName", "Isolating rule");

        HttpResponse<String> byEngineer = send("POST", "/rules", Map.of("reason", "r", "rule", acting), engineer);
        assertThat(byEngineer.statusCode()).isEqualTo(403);
        assertThat(json.readTree(byEngineer.body()).path("type").asString())
                .isEqualTo("urn:vigil:problem:defender-rule-needs-admin");
        assertThat(graphRules.writes()).isEmpty();

        HttpResponse<String> byAdmin = send("POST", "/rules", Map.of("reason", "IR-9", "rule", acting), admin);
        assertThat(byAdmin.statusCode()).isEqualTo(201);
        String id = json.readTree(byAdmin.body()).path("id").asString();
        // Its query decides whom it isolates: changing it, or switching it back on, is an admin's too.
        ObjectNode newQuery = json.createObjectNode();
        newQuery.putObject("queryCondition").put("queryText", "DeviceEvents | project Timestamp, DeviceId, ReportId");
        assertThat(send("PATCH", "/rules/" + id, Map.of("reason", "r", "rule", newQuery), engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/rules/" + id + "/disable", Map.of("reason", "noisy"), engineer)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/rules/" + id + "/enable", Map.of("reason", "tuned"), engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/rules/restore", Map.of("reason", "r", "rules", List.of(acting)), engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/rules/restore",
                                Map.of("reason", "r", "rules", List.of(acting), "dryRun", true),
                                engineer)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/rules/" + id + "/enable", Map.of("reason", "tuned"), admin)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void engineersChangeAndDisableRulesWithAReason() throws Exception {
        String id = created("Change test");
        String engineer = key(Role.ENGINEER);

        HttpResponse<String> disabled = send("POST", "/rules/" + id + "/disable", Map.of("reason", "noisy"), engineer);
        HttpResponse<String> renamed = send(
                "PATCH",
                "/rules/" + id,
                Map.of("reason", "clearer name", "rule", Map.of("displayName", "Change test v2", "id", "1")),
                engineer);
        HttpResponse<String> badPatch = send(
                "PATCH",
                "/rules/" + id,
                Map.of("reason", "r", "rule", Map.of("schedule", Map.of("period", "5m"))),
                engineer);

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(disabled.body()).path("isEnabled").asBoolean()).isFalse();
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(renamed.body()).path("displayName").asString()).isEqualTo("Change test v2");
        assertThat(json.readTree(renamed.body()).path("id").asString()).isEqualTo(id);
        assertThat(badPatch.statusCode()).isEqualTo(400);
        assertThat(graphRules.writes())
                .containsExactly(
                        "POST /beta/security/rules/detectionRules",
                        "PATCH /beta/security/rules/detectionRules/" + id,
                        "PATCH /beta/security/rules/detectionRules/" + id);
        assertThat(audit(disabled))
                .containsEntry("action", "defender.rules.disable")
                .containsEntry("reason", "noisy");
        assertThat(send("POST", "/rules/" + id + "/enable", Map.of(), engineer).statusCode())
                .isEqualTo(400);
    }

    @Test
    void listAndBackupFollowEveryPage() throws Exception {
        for (int i = 0; i < 7; i++) {
            created("Paged " + i);
        }
        graphRules.pageSize(3);
        String analyst = key(Role.ANALYST);

        HttpResponse<String> list = get("/rules", analyst);
        HttpResponse<String> backup = get("/rules/backup", analyst);

        assertThat(json.readTree(list.body())).hasSize(7);
        JsonNode document = json.readTree(backup.body());
        assertThat(document.path("tenant").asString()).isEqualTo("contoso");
        assertThat(document.path("takenAt").asString()).isNotBlank();
        List<String> names = new ArrayList<>();
        document.path("rules").forEach(r -> names.add(r.path("displayName").asString()));
        assertThat(names).containsExactly("Paged 0", "Paged 1", "Paged 2", "Paged 3", "Paged 4", "Paged 5", "Paged 6");
        assertThat(audit(backup)).containsEntry("action", "defender.rules.backup");
    }

    @Test
    void restoreRecreatesWhatWasDeletedUpdatesWhatChangedAndIsIdempotent() throws Exception {
        String kept = created("Restore kept");
        String changed = created("Restore changed");
        String lost = created("Restore lost");
        graphRules.pageSize(2);
        JsonNode backup = json.readTree(get("/rules/backup", key(Role.ANALYST)).body());
        graphRules.remove(lost);
        graphRules.set(changed, "isEnabled", json.getNodeFactory().booleanNode(false));
        int writesBefore = graphRules.writes().size();

        ObjectNode request = ((ObjectNode) backup.deepCopy()).put("reason", "portal mishap");
        HttpResponse<String> first = send("POST", "/rules/restore", request, key(Role.ENGINEER));

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(first.body());
        assertThat(answer.path("created").asInt()).isEqualTo(1);
        assertThat(answer.path("updated").asInt()).isEqualTo(1);
        assertThat(answer.path("unchanged").asInt()).isEqualTo(1);
        assertThat(answer.path("failed").asInt()).isZero();
        assertThat(outcome(answer, "Restore kept")).isEqualTo("unchanged " + kept);
        assertThat(outcome(answer, "Restore changed")).isEqualTo("updated " + changed);
        assertThat(outcome(answer, "Restore lost")).startsWith("created ").doesNotEndWith(" " + lost);
        assertThat(graphRules.rules()).hasSize(3);
        assertThat(graphRules.rules().stream()
                        .filter(r -> r.path("id").asString().equals(changed))
                        .findFirst()
                        .orElseThrow()
                        .path("isEnabled")
                        .asBoolean())
                .isTrue();
        assertThat(graphRules.writes().subList(writesBefore, graphRules.writes().size()))
                .containsExactlyInAnyOrder(
                        "PATCH /beta/security/rules/detectionRules/" + changed,
                        "POST /beta/security/rules/detectionRules");
        assertThat(jdbc.queryForMap(
                        "select details->>'created' as created, details->>'updated' as updated,"
                                + " details->>'reason' as reason, details->>'backup_tenant' as source"
                                + " from audit_log where details->>'request_id' = ?",
                        first.headers().firstValue("X-Defender-Request-Id").orElseThrow()))
                .containsEntry("created", "1")
                .containsEntry("updated", "1")
                .containsEntry("reason", "portal mishap")
                .containsEntry("source", "contoso");

        int writesAfterFirst = graphRules.writes().size();
        HttpResponse<String> second = send("POST", "/rules/restore", request, key(Role.ENGINEER));

        JsonNode again = json.readTree(second.body());
        assertThat(again.path("unchanged").asInt()).isEqualTo(3);
        assertThat(again.path("created").asInt()
                        + again.path("updated").asInt()
                        + again.path("failed").asInt())
                .isZero();
        assertThat(graphRules.writes()).hasSize(writesAfterFirst);
    }

    @Test
    void aDryRunWritesNothingAndABadRuleFailsAloneThroughTheServiceToo() throws Exception {
        created("Dry existing");
        ObjectNode fresh = RuleCheckTest.alerting().put("displayName", "Dry new");
        ObjectNode broken = RuleCheckTest.alerting().put("displayName", "Dry broken");
        ((ObjectNode) broken.get("schedule")).put("period", "2H");
        int writesBefore = graphRules.writes().size();

        HttpResponse<String> dry = send(
                "POST",
                "/rules/restore",
                Map.of("reason", "check", "dryRun", true, "rules", List.of(fresh, broken)),
                key(Role.ENGINEER));

        JsonNode answer = json.readTree(dry.body());
        assertThat(answer.path("dryRun").asBoolean()).isTrue();
        assertThat(outcome(answer, "Dry new")).isEqualTo("created ");
        assertThat(answer.path("failed").asInt()).isEqualTo(1);
        assertThat(answer.path("results").get(1).path("error").asString()).startsWith("schedule.period:");
        assertThat(graphRules.writes()).hasSize(writesBefore);

        List<RestoreOutcome> real = rules.restore(
                "contoso", List.of(fresh, broken), false, UUID.randomUUID().toString());
        assertThat(real)
                .extracting(RestoreOutcome::result)
                .containsExactly(RestoreOutcome.Result.CREATED, RestoreOutcome.Result.FAILED);
        assertThat(graphRules.rules()).hasSize(2);
    }

    @Test
    void analystsCannotRestoreAndARestoreNeedsAReason() throws Exception {
        assertThat(send("POST", "/rules/restore", Map.of("reason", "r", "rules", List.of()), key(Role.ANALYST))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> noReason =
                send("POST", "/rules/restore", Map.of("rules", List.of(RuleCheckTest.alerting())), key(Role.ENGINEER));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(graphRules.writes()).isEmpty();
    }

    @Test
    void throttlingIsWaitedOutAndAnUnreadableAnswerIsA502() throws Exception {
        String id = created("Throttled");
        fake.answerThrottled(2, 1);

        HttpResponse<String> slow = get("/rules/" + id, key(Role.ANALYST));

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(json.readTree(slow.body()).path("id").asString()).isEqualTo(id);

        fake.answerMalformed();
        HttpResponse<String> broken = get("/rules", key(Role.ANALYST));
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(json.readTree(broken.body()).path("type").asString())
                .isEqualTo("urn:vigil:problem:defender-malformed-response");

        HttpResponse<String> notAnId = get("/rules/abc", key(Role.ANALYST));
        assertThat(notAnId.statusCode()).isEqualTo(400);
    }

    private static String outcome(JsonNode answer, String displayName) {
        for (JsonNode result : answer.path("results")) {
            if (result.path("displayName").asString().equals(displayName)) {
                return result.path("result").asString() + " "
                        + result.path("id").asString("");
            }
        }
        return "missing";
    }

    /** Creates a rule through Vigil; answers its id. */
    private String created(String displayName) throws Exception {
        HttpResponse<String> response = send(
                "POST",
                "/rules",
                Map.of("reason", "fixture", "rule", RuleCheckTest.alerting().put("displayName", displayName)),
                key(Role.ENGINEER));
        assertThat(response.statusCode()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asString();
    }

    private Map<String, Object> audit(HttpResponse<String> response) {
        return jdbc.queryForMap(
                "select action, target, outcome, details->>'reason' as reason, details->>'rule_id' as rule_id"
                        + " from audit_log where details->>'request_id' = ?",
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow());
    }

    private String key(Role role) {
        return keys.create("detection rules test " + UUID.randomUUID(), role).key();
    }

    private HttpResponse<String> send(String method, String path, Object body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/defender/contoso" + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
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

    private HttpResponse<String> delete(String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/defender/contoso" + path))
                        .header("Authorization", "Bearer " + key)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
