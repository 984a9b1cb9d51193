package dev.vigil.respond.defender.rules;

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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Custom detection rules over real HTTP with API keys, Vigil against {@link FakeDetectionRules}: create,
 * change, enable, delete by role, Vigil's checks before Graph, Graph's refusals, paging, backup and restore
 * (recreating what was deleted, idempotent the second time, dry runs), throttling, and the audit log.
 */
class DetectionRulesIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final FakeDetectionRules graphRules = new FakeDetectionRules(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_dr_", fake);
        registry.add("vigil.defender.max-retries", () -> "3");
    }

    @Autowired
    DetectionRules rules;

    @BeforeEach
    void reset() {
        fake.reset();
        graphRules.reset();
    }

    @Test
    void createStripsServerSetFieldsAnswers201AndAuditsTheReason() throws Exception {
        ObjectNode rule = RuleCheckTest.alerting();

        HttpResponse<String> response =
                api.post("/rules", Map.of("reason", "new coverage for T1059", "rule", rule), keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = api.read(response);
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
        String key = keys.key(Role.ENGINEER);
        ObjectNode badPeriod = RuleCheckTest.alerting();
        ((ObjectNode) badPeriod.get("schedule")).put("period", "2H");
        ObjectNode noAssets = RuleCheckTest.alerting();
        ((ObjectNode) noAssets.path("detectionAction").path("alertTemplate")).remove("impactedAssets");

        HttpResponse<String> period = api.post("/rules", Map.of("reason", "r", "rule", badPeriod), key);
        HttpResponse<String> assets = api.post("/rules", Map.of("reason", "r", "rule", noAssets), key);
        HttpResponse<String> noReason = api.post("/rules", Map.of("rule", RuleCheckTest.alerting()), key);

        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(api.read(period).path("field").asString()).isEqualTo("schedule.period");
        assertThat(api.read(period).path("type").asString()).isEqualTo("urn:vigil:problem:defender-rule-invalid");
        assertThat(assets.statusCode()).isEqualTo(400);
        assertThat(api.read(assets).path("field").asString()).isEqualTo("alertTemplate.impactedAssets");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(api.read(noReason).path("field").asString()).isEqualTo("reason");
        assertThat(graphRules.writes()).isEmpty();
    }

    @Test
    void graphsRefusalOfARuleIsTheCallers400() throws Exception {
        ObjectNode rule = RuleCheckTest.alerting().put("huntingScope", "everything");

        HttpResponse<String> response =
                api.post("/rules", Map.of("reason", "r", "rule", rule), keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = api.read(response);
        assertThat(problem.path("defenderCode").asString()).isEqualTo("BadRequest");
        assertThat(problem.path("defenderMessage").asString()).contains("huntingScope");
    }

    @Test
    void rolesDecideWhoReadsChangesAndDeletes() throws Exception {
        String id = created("Role test");
        String analyst = keys.key(Role.ANALYST);
        String engineer = keys.key(Role.ENGINEER);

        assertThat(api.get("/rules/" + id, analyst).statusCode()).isEqualTo(200);
        assertThat(api.post("/rules", Map.of("reason", "r", "rule", RuleCheckTest.alerting()), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/rules/" + id + "/disable", Map.of("reason", "r"), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.delete("/rules/" + id + "?reason=r", analyst).statusCode())
                .isEqualTo(403);
        assertThat(api.delete("/rules/" + id + "?reason=r", engineer).statusCode())
                .isEqualTo(403);
        assertThat(graphRules.writes()).containsExactly("POST /beta/security/rules/detectionRules");

        HttpResponse<String> noReason = api.delete("/rules/" + id, keys.key(Role.ADMIN));
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> deleted = api.delete("/rules/" + id + "?reason=superseded+by+5200", keys.key(Role.ADMIN));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(graphRules.rules()).isEmpty();
        assertThat(audit(deleted))
                .containsEntry("action", "defender.rules.delete")
                .containsEntry("target", "rule:" + id)
                .containsEntry("reason", "superseded by 5200");

        HttpResponse<String> again = api.delete("/rules/" + id + "?reason=r", keys.key(Role.ADMIN));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(api.read(again).path("defenderCode").asString()).isEqualTo("itemNotFound");
    }

    @Test
    void aDeletePreviewShowsTheRuleAndDeletesNothing() throws Exception {
        String id = created("Preview test");

        HttpResponse<String> preview =
                api.delete("/rules/" + id + "?reason=cleanup&preview=true", keys.key(Role.ADMIN));

        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode body = api.read(preview);
        assertThat(body.path("operation").asString()).isEqualTo("rule-delete");
        assertThat(body.path("approvalRequired").asBoolean()).isFalse();
        assertThat(body.path("preview").path("displayName").asString()).isEqualTo("Preview test");
        assertThat(body.path("preview").path("queryCondition").path("queryText").asString())
                .isNotBlank();
        assertThat(graphRules.rules()).extracting(r -> r.path("id").asString()).contains(id);
        assertThat(api.delete("/rules/" + id + "?reason=cleanup&preview=true", keys.key(Role.ENGINEER))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRuleThatActsByItselfIsAnAdminsToWriteChangeOrEnable() throws Exception {
        String engineer = keys.key(Role.ENGINEER);
        String admin = keys.key(Role.ADMIN);
        ObjectNode acting = RuleCheckTest.rule().put("displayName", "Isolating rule");

        HttpResponse<String> byEngineer = api.post("/rules", Map.of("reason", "r", "rule", acting), engineer);
        assertThat(byEngineer.statusCode()).isEqualTo(403);
        assertThat(api.read(byEngineer).path("type").asString())
                .isEqualTo("urn:vigil:problem:defender-rule-needs-admin");
        assertThat(graphRules.writes()).isEmpty();

        HttpResponse<String> byAdmin = api.post("/rules", Map.of("reason", "IR-9", "rule", acting), admin);
        assertThat(byAdmin.statusCode()).isEqualTo(201);
        String id = api.read(byAdmin).path("id").asString();
        // Its query decides whom it isolates: changing it, or switching it back on, is an admin's too.
        ObjectNode newQuery = json.createObjectNode();
        newQuery.putObject("queryCondition").put("queryText", "DeviceEvents | project Timestamp, DeviceId, ReportId");
        assertThat(api.send("PATCH", "/rules/" + id, Map.of("reason", "r", "rule", newQuery), engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/rules/" + id + "/disable", Map.of("reason", "noisy"), engineer)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/rules/" + id + "/enable", Map.of("reason", "tuned"), engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/rules/restore", Map.of("reason", "r", "rules", List.of(acting)), engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/rules/restore", Map.of("reason", "r", "rules", List.of(acting), "dryRun", true), engineer)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/rules/" + id + "/enable", Map.of("reason", "tuned"), admin)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void engineersChangeAndDisableRulesWithAReason() throws Exception {
        String id = created("Change test");
        String engineer = keys.key(Role.ENGINEER);

        HttpResponse<String> disabled = api.post("/rules/" + id + "/disable", Map.of("reason", "noisy"), engineer);
        HttpResponse<String> renamed = api.send(
                "PATCH",
                "/rules/" + id,
                Map.of("reason", "clearer name", "rule", Map.of("displayName", "Change test v2", "id", "1")),
                engineer);
        HttpResponse<String> badPatch = api.send(
                "PATCH",
                "/rules/" + id,
                Map.of("reason", "r", "rule", Map.of("schedule", Map.of("period", "5m"))),
                engineer);

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(api.read(disabled).path("isEnabled").asBoolean()).isFalse();
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(api.read(renamed).path("displayName").asString()).isEqualTo("Change test v2");
        assertThat(api.read(renamed).path("id").asString()).isEqualTo(id);
        assertThat(badPatch.statusCode()).isEqualTo(400);
        assertThat(graphRules.writes())
                .containsExactly(
                        "POST /beta/security/rules/detectionRules",
                        "PATCH /beta/security/rules/detectionRules/" + id,
                        "PATCH /beta/security/rules/detectionRules/" + id);
        assertThat(audit(disabled))
                .containsEntry("action", "defender.rules.disable")
                .containsEntry("reason", "noisy");
        assertThat(api.post("/rules/" + id + "/enable", Map.of(), engineer).statusCode())
                .isEqualTo(400);
    }

    @Test
    void listAndBackupFollowEveryPage() throws Exception {
        for (int i = 0; i < 7; i++) {
            created("Paged " + i);
        }
        graphRules.pageSize(3);
        String analyst = keys.key(Role.ANALYST);

        HttpResponse<String> list = api.get("/rules", analyst);
        HttpResponse<String> backup = api.get("/rules/backup", analyst);

        assertThat(api.read(list)).hasSize(7);
        JsonNode document = api.read(backup);
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
        JsonNode backup =
                json.readTree(api.get("/rules/backup", keys.key(Role.ANALYST)).body());
        graphRules.remove(lost);
        graphRules.set(changed, "isEnabled", json.getNodeFactory().booleanNode(false));
        int writesBefore = graphRules.writes().size();

        ObjectNode request = ((ObjectNode) backup.deepCopy()).put("reason", "portal mishap");
        HttpResponse<String> first = api.post("/rules/restore", request, keys.key(Role.ENGINEER));

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode answer = api.read(first);
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
        HttpResponse<String> second = api.post("/rules/restore", request, keys.key(Role.ENGINEER));

        JsonNode again = api.read(second);
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

        HttpResponse<String> dry = api.post(
                "/rules/restore",
                Map.of("reason", "check", "dryRun", true, "rules", List.of(fresh, broken)),
                keys.key(Role.ENGINEER));

        JsonNode answer = api.read(dry);
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
        assertThat(api.post("/rules/restore", Map.of("reason", "r", "rules", List.of()), keys.key(Role.ANALYST))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> noReason =
                api.post("/rules/restore", Map.of("rules", List.of(RuleCheckTest.alerting())), keys.key(Role.ENGINEER));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(graphRules.writes()).isEmpty();
    }

    @Test
    void throttlingIsWaitedOutAndAnUnreadableAnswerIsA502() throws Exception {
        String id = created("Throttled");
        fake.answerThrottled(2, 1);

        HttpResponse<String> slow = api.get("/rules/" + id, keys.key(Role.ANALYST));

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(api.read(slow).path("id").asString()).isEqualTo(id);

        fake.answerMalformed();
        HttpResponse<String> broken = api.get("/rules", keys.key(Role.ANALYST));
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(api.read(broken).path("type").asString()).isEqualTo("urn:vigil:problem:defender-malformed-response");

        HttpResponse<String> notAnId = api.get("/rules/abc", keys.key(Role.ANALYST));
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
        HttpResponse<String> response = api.post(
                "/rules",
                Map.of("reason", "fixture", "rule", RuleCheckTest.alerting().put("displayName", displayName)),
                keys.key(Role.ENGINEER));
        assertThat(response.statusCode()).isEqualTo(201);
        return api.read(response).path("id").asString();
    }

    private Map<String, Object> audit(HttpResponse<String> response) {
        return jdbc.queryForMap(
                "select action, target, outcome, details->>'reason' as reason, details->>'rule_id' as rule_id"
                        + " from audit_log where details->>'request_id' = ?",
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow());
    }
}
