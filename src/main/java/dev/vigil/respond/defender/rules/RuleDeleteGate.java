package dev.vigil.respond.defender.rules;

import dev.vigil.access.Permission;
import dev.vigil.respond.defender.approval.GatedOperation;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deleting a custom detection rule as a {@link GatedOperation}: Graph keeps no copy, so the preview shows the
 * rule as it stands (name, whether it runs, schedule, query, what its alerts say) for the approver to judge.
 */
@Component
class RuleDeleteGate implements GatedOperation {

    private final DetectionRules rules;
    private final JsonMapper json = JsonMapper.builder().build();

    RuleDeleteGate(DetectionRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "rule-delete";
    }

    @Override
    public Permission permission() {
        return Permission.DEFENDER_ADMIN;
    }

    @Override
    public JsonNode preview(String tenant, JsonNode request, String requestId) {
        ObjectNode rule = rules.get(tenant, request.path("id").asString(), requestId);
        ObjectNode preview = json.createObjectNode()
                .put("operation", name())
                .put("effect", "the rule stops raising alerts and running its response actions; Graph keeps no copy")
                .put("id", rule.path("id").asString())
                .put("displayName", rule.path("displayName").asString())
                .put("isEnabled", rule.path("isEnabled").asBoolean());
        preview.set("schedule", rule.path("schedule"));
        preview.set("queryCondition", rule.path("queryCondition"));
        preview.set("alertTemplate", rule.path("detectionAction").path("alertTemplate"));
        return preview;
    }

    @Override
    public Object execute(String tenant, JsonNode request, String requestedBy, String requestId) {
        String id = request.path("id").asString();
        rules.delete(tenant, id, requestId);
        return Map.of("deleted", id);
    }
}
