package dev.vigil.respond.defender.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a page of {@code GET /security/alerts_v2} (external-apis §3.3): {@code {"value": [alert, ...]}}. The
 * watermark rests on each alert's {@code id} and {@code lastUpdateDateTime}, so an alert without them makes
 * the whole page malformed rather than silently skipped; anything else an alert lacks is the parser's to judge.
 */
final class AlertPages {

    private AlertPages() {}

    static List<PolledAlert> read(JsonNode body) {
        JsonNode value = body.get("value");
        if (value == null || !value.isArray()) {
            throw new MalformedAlertPage("alerts_v2 page without a 'value' array");
        }
        List<PolledAlert> alerts = new ArrayList<>();
        int index = 0;
        for (JsonNode alert : value) {
            if (!alert.isObject()) {
                throw new MalformedAlertPage("alerts_v2 item " + index + " is not an object");
            }
            JsonNode id = alert.get("id");
            if (id == null || !id.isString() || id.asString().isBlank()) {
                throw new MalformedAlertPage("alerts_v2 item " + index + " has no 'id'");
            }
            alerts.add(new PolledAlert(id.asString(), lastUpdate(alert, index), alert));
            index++;
        }
        return alerts;
    }

    private static Instant lastUpdate(JsonNode alert, int index) {
        JsonNode time = alert.get("lastUpdateDateTime");
        if (time == null || !time.isString()) {
            throw new MalformedAlertPage("alerts_v2 item " + index + " has no 'lastUpdateDateTime'");
        }
        try {
            return OffsetDateTime.parse(time.asString()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedAlertPage("alerts_v2 item " + index + " has an unreadable 'lastUpdateDateTime'");
        }
    }
}
