package dev.vigil.respond.defender.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a page of {@code GET /security/alerts_v2} (external-apis §3.3): {@code {"value": [alert, ...]}}. Only a
 * page without a {@code value} array is malformed. An item the poller cannot place (not an object, no {@code id},
 * no readable {@code lastUpdateDateTime}) is skipped with the reason, so that one bad alert never stops a
 * tenant's ingestion; anything else an alert lacks is the parser's to judge.
 */
final class AlertPages {

    private AlertPages() {}

    /** The usable alerts of a page, and why each other item was skipped (by its position on the page). */
    record Read(List<PolledAlert> alerts, List<String> skipped) {

        Read {
            alerts = List.copyOf(alerts);
            skipped = List.copyOf(skipped);
        }
    }

    static Read read(JsonNode body) {
        JsonNode value = body.get("value");
        if (value == null || !value.isArray()) {
            throw new MalformedAlertPage("alerts_v2 page without a 'value' array");
        }
        List<PolledAlert> alerts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int index = 0;
        for (JsonNode item : value) {
            String why = problem(item);
            if (why == null) {
                alerts.add(new PolledAlert(item.get("id").asString(), lastUpdate(item), item));
            } else {
                // Position and reason only: the item itself may carry user names and other personal data.
                skipped.add("item " + index + " " + why);
            }
            index++;
        }
        return new Read(alerts, skipped);
    }

    private static @Nullable String problem(JsonNode item) {
        if (!item.isObject()) {
            return "is not an object";
        }
        JsonNode id = item.get("id");
        if (id == null || !id.isString() || id.asString().isBlank()) {
            return "has no 'id'";
        }
        JsonNode time = item.get("lastUpdateDateTime");
        if (time == null || !time.isString()) {
            return "has no 'lastUpdateDateTime'";
        }
        try {
            OffsetDateTime.parse(time.asString());
            return null;
        } catch (DateTimeParseException e) {
            return "has an unreadable 'lastUpdateDateTime'";
        }
    }

    private static Instant lastUpdate(JsonNode item) {
        return OffsetDateTime.parse(item.get("lastUpdateDateTime").asString()).toInstant();
    }
}
