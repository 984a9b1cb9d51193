package dev.vigil.respond.defender.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RuleCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** external-apis §3.5's example rule, as Graph answers it (server-set fields included). */
    static ObjectNode rule() {
        return (ObjectNode) JSON.readTree("""
                {"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "id": "5102",
                 "displayName": "Encoded PowerShell from Office", "isEnabled": true,
                 "createdBy": "kai@contoso.com", "createdDateTime": "2024-05-01T00:00:00Z",
                 "lastModifiedBy": "kai@contoso.com", "lastModifiedDateTime": "2024-05-01T00:00:00Z",
                 "detectorId": "3b9b8f8a-0000-4000-8000-000000000000",
                 "lastRunDetails": {"lastRunDateTime": null, "status": "completed"},
                 "queryCondition": {"queryText": "DeviceProcessEvents | project Timestamp, DeviceId, ReportId",
                                    "lastModifiedDateTime": "2024-05-01T00:00:00Z"},
                 "schedule": {"period": "1H", "nextRunDateTime": "2024-05-01T01:00:00Z"},
                 "detectionAction": {
                   "alertTemplate": {"title": "Encoded PowerShell", "description": "d", "severity": "High",
                     "category": "Execution", "recommendedActions": null, "mitreTechniques": ["T1059.001"],
                     "impactedAssets": [{"@odata.type": "#microsoft.graph.security.impactedDeviceAsset",
                                         "identifier": "deviceId"}]},
                   "organizationalScope": null,
                   "responseActions": [{"@odata.type": "#microsoft.graph.security.isolateDeviceResponseAction",
                                        "identifier": "deviceId", "isolationType": "full"}]}}
                """);
    }

    /** The same rule raising alerts only: no response actions, so an engineer's to write. */
    static ObjectNode alerting() {
        ObjectNode rule = rule();
        ((ObjectNode) rule.path("detectionAction")).remove("responseActions");
        return rule;
    }

    @Test
    void aRuleReadFromGraphCanBeSentBackWithoutItsServerSetFields() {
        ObjectNode body = RuleCheck.forCreate(rule());

        assertThat(body.propertyNames())
                .containsExactlyInAnyOrder("displayName", "isEnabled", "queryCondition", "schedule", "detectionAction");
        assertThat(body.path("queryCondition").has("lastModifiedDateTime")).isFalse();
        assertThat(body.path("schedule").has("nextRunDateTime")).isFalse();
        assertThat(body.path("detectionAction")
                        .path("alertTemplate")
                        .path("severity")
                        .asString())
                .isEqualTo("high");
    }

    @Test
    void eachRequiredFieldIsNamedWhenMissingOrWrong() {
        assertProblem(r -> r.remove("displayName"), "displayName");
        assertProblem(r -> r.put("displayName", " "), "displayName");
        assertProblem(r -> r.put("displayName", "x".repeat(257)), "displayName");
        assertProblem(r -> ((ObjectNode) r.get("queryCondition")).remove("queryText"), "queryCondition.queryText");
        assertProblem(r -> ((ObjectNode) r.get("schedule")).put("period", "2H"), "schedule.period");
        assertProblem(r -> r.remove("schedule"), "schedule");
        assertProblem(r -> template(r).remove("title"), "alertTemplate.title");
        assertProblem(r -> template(r).put("severity", "critical"), "alertTemplate.severity");
        assertProblem(r -> template(r).putArray("impactedAssets"), "alertTemplate.impactedAssets");
        assertProblem(
                r -> ((ObjectNode) template(r).get("impactedAssets").get(0)).put("identifier", ""),
                "alertTemplate.impactedAssets.identifier");
        assertProblem(
                r -> ((ObjectNode) template(r).get("impactedAssets").get(0))
                        .put("@odata.type", "#microsoft.graph.security.impactedHostAsset"),
                "alertTemplate.impactedAssets.@odata.type");
        assertProblem(
                r -> ((ObjectNode)
                                r.get("detectionAction").get("responseActions").get(0))
                        .put("@odata.type", "#microsoft.graph.security.wipeDeviceResponseAction"),
                "detectionAction.responseActions.@odata.type");
        assertProblem(
                r -> ((ObjectNode)
                                r.get("detectionAction").get("responseActions").get(0))
                        .remove("isolationType"),
                "detectionAction.responseActions.isolationType");
        assertProblem(r -> r.put("isEnabled", "yes"), "isEnabled");
    }

    @Test
    void everyDocumentedPeriodIsAccepted() {
        for (String period : List.of("0", "1H", "3H", "12H", "24H")) {
            ObjectNode rule = rule();
            ((ObjectNode) rule.get("schedule")).put("period", period);
            assertThat(RuleCheck.forCreate(rule).path("schedule").path("period").asString())
                    .isEqualTo(period);
        }
    }

    @Test
    void anUpdateChecksOnlyWhatItGivesButNeedsSomething() {
        ObjectNode change = JSON.createObjectNode().put("displayName", "Renamed");
        assertThat(RuleCheck.forUpdate(change).toString()).isEqualTo("{\"displayName\":\"Renamed\"}");
        assertThatThrownBy(() -> RuleCheck.forUpdate(JSON.createObjectNode().put("id", "5102")))
                .isInstanceOf(InvalidRule.class)
                .hasMessageStartingWith("rule: ");
        assertThatThrownBy(() -> RuleCheck.forUpdate(JSON.readTree("{\"schedule\": {\"period\": \"5m\"}}")))
                .hasMessageStartingWith("schedule.period: ");
        assertThatThrownBy(() -> RuleCheck.forUpdate(JSON.readTree("[]"))).hasMessageStartingWith("rule: ");
        assertThatThrownBy(() -> RuleCheck.forUpdate(null)).hasMessageStartingWith("rule: ");
    }

    @Test
    void aRuleComparesEqualToItsStrippedCopyRegardlessOfNullsAndServerFields() {
        JsonNode fromGraph = rule();
        ObjectNode sent = RuleCheck.forCreate(rule());

        assertThat(RuleCheck.comparable(fromGraph)).isEqualTo(RuleCheck.comparable(sent));
        sent.put("isEnabled", false);
        assertThat(RuleCheck.comparable(fromGraph)).isNotEqualTo(RuleCheck.comparable(sent));
    }

    @Test
    void onlyNumericIdsReachTheUrl() {
        assertThat(DetectionRules.checkedId("5102")).isEqualTo("5102");
        for (String bad : List.of("", "abc", "../incidents", "5102/x")) {
            assertThatThrownBy(() -> DetectionRules.checkedId(bad)).isInstanceOf(InvalidRule.class);
        }
    }

    private static ObjectNode template(ObjectNode rule) {
        return (ObjectNode) rule.get("detectionAction").get("alertTemplate");
    }

    private static void assertProblem(java.util.function.Consumer<ObjectNode> spoil, String field) {
        ObjectNode rule = rule();
        spoil.accept(rule);
        assertThatThrownBy(() -> RuleCheck.forCreate(rule))
                .isInstanceOf(InvalidRule.class)
                .satisfies(e -> assertThat(((InvalidRule) e).field()).isEqualTo(field));
    }
}
