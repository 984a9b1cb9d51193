package dev.vigil.respond.defender.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Vigil checks in a detection rule before Graph sees it (external-apis §3.5), and the server-set fields
 * it strips, so that a rule read from Graph (a backup, say) can be sent back as it is. Fields Vigil does not
 * know pass through for Graph to judge.
 */
final class RuleCheck {

    static final int MAX_NAME = 256;
    static final Set<String> PERIODS = Set.of("0", "1H", "3H", "12H", "24H");
    static final Set<String> SEVERITIES = Set.of("informational", "low", "medium", "high");
    static final Set<String> ASSET_TYPES = Set.of(
            "#microsoft.graph.security.impactedDeviceAsset",
            "#microsoft.graph.security.impactedUserAsset",
            "#microsoft.graph.security.impactedMailboxAsset");
    static final Set<String> RESPONSE_ACTIONS = Set.of(
            "isolateDevice",
            "collectInvestigationPackage",
            "runAntivirusScan",
            "restrictAppExecution",
            "initiateInvestigation",
            "stopAndQuarantineFile",
            "allowFile",
            "blockFile",
            "disableUser",
            "forceUserPasswordReset",
            "markUserAsCompromised",
            "hardDelete",
            "softDelete",
            "moveToInbox",
            "moveToDeletedItems",
            "moveToJunk");

    /** Set by Graph, ignored or refused on writes: top-level fields, and some inside sub-objects. */
    static final Set<String> SERVER_SET = Set.of(
            "id",
            "createdBy",
            "createdDateTime",
            "lastModifiedBy",
            "lastModifiedDateTime",
            "lastRunDetails",
            "detectorId");

    private static final Map<String, String> SERVER_SET_INSIDE =
            Map.of("queryCondition", "lastModifiedDateTime", "schedule", "nextRunDateTime");

    private RuleCheck() {}

    /** A whole rule for a POST: every required field checked, server-set fields stripped. */
    static ObjectNode forCreate(@Nullable JsonNode rule) {
        ObjectNode body = stripped(rule);
        for (String field : List.of("displayName", "queryCondition", "schedule", "detectionAction")) {
            if (!body.has(field) || body.get(field).isNull()) {
                throw new InvalidRule(field, "required");
            }
        }
        return checked(body);
    }

    /** Part of a rule for a PATCH: the fields given are checked; a sub-object given is checked whole. */
    static ObjectNode forUpdate(@Nullable JsonNode rule) {
        ObjectNode body = stripped(rule);
        if (body.isEmpty()) {
            throw new InvalidRule("rule", "nothing to change");
        }
        return checked(body);
    }

    /** A copy without the fields Graph sets, nor OData annotations. */
    static ObjectNode stripped(@Nullable JsonNode rule) {
        if (!(rule instanceof ObjectNode given)) {
            throw new InvalidRule("rule", "a detection rule is a JSON object");
        }
        ObjectNode body = given.deepCopy();
        body.remove(SERVER_SET);
        body.properties().removeIf(field -> field.getKey().startsWith("@odata."));
        SERVER_SET_INSIDE.forEach((object, field) -> {
            if (body.get(object) instanceof ObjectNode inner) {
                inner.remove(field);
            }
        });
        return body;
    }

    /**
     * The rule as compared in a restore: stripped, without null fields, which Graph may echo or leave out
     * alike, and with the severity in the case Vigil sends it.
     */
    static JsonNode comparable(JsonNode rule) {
        ObjectNode copy = stripped(rule);
        dropNulls(copy);
        if (copy.path("detectionAction").path("alertTemplate") instanceof ObjectNode template
                && template.path("severity").isString()) {
            template.put("severity", template.path("severity").asString().toLowerCase(Locale.ROOT));
        }
        return copy;
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
            object.properties().forEach(field -> dropNulls(field.getValue()));
        } else if (node.isArray()) {
            node.forEach(RuleCheck::dropNulls);
        }
    }

    private static ObjectNode checked(ObjectNode body) {
        if (body.has("displayName")) {
            String name = text(body, "displayName", "displayName");
            if (name.length() > MAX_NAME) {
                throw new InvalidRule("displayName", "at most " + MAX_NAME + " characters");
            }
        }
        if (body.has("isEnabled") && !body.get("isEnabled").isBoolean()) {
            throw new InvalidRule("isEnabled", "true or false");
        }
        if (body.has("queryCondition")) {
            text(object(body, "queryCondition", "queryCondition"), "queryText", "queryCondition.queryText");
        }
        if (body.has("schedule")) {
            String period = text(object(body, "schedule", "schedule"), "period", "schedule.period");
            if (!PERIODS.contains(period)) {
                throw new InvalidRule("schedule.period", "one of 0 (continuous), 1H, 3H, 12H, 24H");
            }
        }
        if (body.has("detectionAction")) {
            detectionAction(object(body, "detectionAction", "detectionAction"));
        }
        return body;
    }

    private static void detectionAction(ObjectNode action) {
        ObjectNode template = object(action, "alertTemplate", "detectionAction.alertTemplate");
        text(template, "title", "alertTemplate.title");
        String severity = text(template, "severity", "alertTemplate.severity").toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(severity)) {
            throw new InvalidRule("alertTemplate.severity", "one of informational, low, medium, high");
        }
        template.put("severity", severity);
        JsonNode assets = template.get("impactedAssets");
        if (assets == null || !assets.isArray() || assets.isEmpty()) {
            throw new InvalidRule("alertTemplate.impactedAssets", "at least one impacted asset is required");
        }
        for (JsonNode asset : assets) {
            String field = "alertTemplate.impactedAssets";
            if (!(asset instanceof ObjectNode assetObject)) {
                throw new InvalidRule(field, "each asset is an object");
            }
            if (!ASSET_TYPES.contains(assetObject.path("@odata.type").asString(""))) {
                throw new InvalidRule(
                        field + ".@odata.type",
                        "one of "
                                + String.join(
                                        ", ", ASSET_TYPES.stream().sorted().toList()));
            }
            text(assetObject, "identifier", field + ".identifier");
        }
        JsonNode responses = action.get("responseActions");
        if (responses != null && !responses.isNull()) {
            if (!responses.isArray()) {
                throw new InvalidRule("detectionAction.responseActions", "a list");
            }
            for (JsonNode response : responses) {
                responseAction(response);
            }
        }
    }

    private static void responseAction(JsonNode response) {
        String field = "detectionAction.responseActions";
        if (!(response instanceof ObjectNode object)) {
            throw new InvalidRule(field, "each response action is an object");
        }
        String type = object.path("@odata.type").asString("");
        String prefix = "#microsoft.graph.security.";
        String suffix = "ResponseAction";
        String name = type.startsWith(prefix) && type.endsWith(suffix)
                ? type.substring(prefix.length(), type.length() - suffix.length())
                : "";
        if (!RESPONSE_ACTIONS.contains(name)) {
            throw new InvalidRule(field + ".@odata.type", "unknown response action '" + clip(type) + "'");
        }
        text(object, "identifier", field + ".identifier");
        if (name.equals("isolateDevice")
                && !Set.of("full", "selective")
                        .contains(object.path("isolationType").asString(""))) {
            throw new InvalidRule(field + ".isolationType", "full or selective");
        }
    }

    private static ObjectNode object(ObjectNode parent, String name, String field) {
        if (!(parent.get(name) instanceof ObjectNode object)) {
            throw new InvalidRule(field, "required, an object");
        }
        return object;
    }

    private static String text(ObjectNode parent, String name, String field) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new InvalidRule(field, "required");
        }
        return value.asString();
    }

    static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
