package dev.vigil.respond.defender;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Vigil checks before an indicator goes to Defender (external-apis §2.6), so a mistake is a 400 naming
 * the field rather than a Defender refusal: required fields, the value's form for its type, the enumerations,
 * {@code Audit} only with an alert, {@code educateUrl} only on Block/Warn URL indicators, an expiry in the
 * future. What passes becomes Defender's request body, with the reason for the change in the description.
 */
public final class IndicatorRules {

    static final int MAX_TITLE = 250;
    static final int MAX_TEXT = 4_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<IndicatorAction> EDUCATE_ACTIONS = Set.of(IndicatorAction.Block, IndicatorAction.Warn);

    private IndicatorRules() {}

    /** The reason Vigil requires for every change; blank is refused. */
    public static String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidIndicator("reason", "a reason is required for every indicator change");
        }
        if (reason.length() > MAX_TEXT) {
            throw new InvalidIndicator("reason", "at most " + MAX_TEXT + " characters");
        }
        return reason.strip();
    }

    /** Defender's request body for the indicator, or {@link InvalidIndicator} for the first problem found. */
    public static ObjectNode check(IndicatorInput input, String reason, Instant now) {
        String value = required("indicatorValue", input.indicatorValue()).strip();
        String typeName = required("indicatorType", input.indicatorType());
        IndicatorType type = IndicatorType.of(typeName);
        if (type == null) {
            throw new InvalidIndicator(
                    "indicatorType", "unknown type '" + typeName + "'; one of " + List.of(IndicatorType.values()));
        }
        String problem = type.problemWith(value);
        if (problem != null) {
            throw new InvalidIndicator("indicatorValue", problem);
        }
        String actionName = required("action", input.action());
        IndicatorAction action = IndicatorAction.of(actionName);
        if (action == null) {
            throw new InvalidIndicator(
                    "action", "unknown action '" + actionName + "'; one of " + List.of(IndicatorAction.values()));
        }
        IndicatorSeverity severity = null;
        if (input.severity() != null) {
            severity = IndicatorSeverity.of(input.severity());
            if (severity == null) {
                throw new InvalidIndicator(
                        "severity",
                        "unknown severity '" + input.severity() + "'; one of " + List.of(IndicatorSeverity.values()));
            }
        }
        Boolean generateAlert = input.generateAlert();
        if (action == IndicatorAction.Audit) {
            if (Boolean.FALSE.equals(generateAlert)) {
                throw new InvalidIndicator(
                        "generateAlert", "Defender takes the Audit action only with generateAlert true");
            }
            generateAlert = true;
        }
        if (input.educateUrl() != null) {
            if (type != IndicatorType.Url || !EDUCATE_ACTIONS.contains(action)) {
                throw new InvalidIndicator("educateUrl", "only for Url indicators with the Block or Warn action");
            }
            String educate = IndicatorType.Url.problemWith(input.educateUrl());
            if (educate != null || !input.educateUrl().contains("://")) {
                throw new InvalidIndicator("educateUrl", "not an http(s) URL");
            }
        }
        String title = required("title", input.title()).strip();
        if (title.length() > MAX_TITLE) {
            throw new InvalidIndicator("title", "at most " + MAX_TITLE + " characters");
        }
        String description = input.description() == null || input.description().isBlank()
                ? "Reason: " + reason
                : input.description().strip() + "\nReason: " + reason;
        if (description.length() > MAX_TEXT) {
            throw new InvalidIndicator("description", "with the reason, at most " + MAX_TEXT + " characters");
        }
        Instant expiration = null;
        if (input.expirationTime() != null) {
            try {
                expiration = Instant.parse(input.expirationTime());
            } catch (DateTimeParseException e) {
                throw new InvalidIndicator("expirationTime", "not an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
            if (!expiration.isAfter(now)) {
                throw new InvalidIndicator("expirationTime", "is in the past");
            }
        }
        ObjectNode body = JSON.createObjectNode()
                .put("indicatorValue", value)
                .put("indicatorType", type.name())
                .put("action", action.name())
                .put("title", title)
                .put("description", description);
        if (severity != null) body.put("severity", severity.name());
        if (expiration != null) body.put("expirationTime", expiration.toString());
        if (input.recommendedActions() != null) body.put("recommendedActions", input.recommendedActions());
        if (generateAlert != null) body.put("generateAlert", generateAlert);
        if (input.educateUrl() != null) body.put("educateUrl", input.educateUrl());
        if (input.application() != null) body.put("application", input.application());
        if (input.rbacGroupNames() != null) {
            ArrayNode groups = body.putArray("rbacGroupNames");
            for (String group : input.rbacGroupNames()) {
                if (group == null || group.isBlank()) {
                    throw new InvalidIndicator("rbacGroupNames", "a device group name cannot be blank");
                }
                groups.add(group);
            }
        }
        return body;
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidIndicator(field, "required");
        }
        return value;
    }
}
