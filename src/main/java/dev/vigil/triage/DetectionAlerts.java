package dev.vigil.triage;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Severity;
import dev.vigil.attack.Detection;
import dev.vigil.attack.DetectionRule;
import java.time.Instant;
import java.util.List;

/**
 * The alert a context event raises when Sigma rules match it: one alert per event, however many rules
 * matched, so a noisy event makes one line in the queue, not five. It takes the most severe rule's title
 * and level, the event's entities and raw record, and lists every rule with the fields that matched.
 */
final class DetectionAlerts {

    private DetectionAlerts() {}

    /** @param detections most severe first, as {@code DetectionRules.detect} returns them; not empty */
    static Alert raise(Alert event, List<Detection> detections, Instant now) {
        DetectionRule top = detections.get(0).rule();
        StringBuilder description = new StringBuilder();
        if (top.description() != null) {
            description.append(top.description().strip()).append("\n\n");
        }
        description
                .append("Raised by Sigma on event ")
                .append(event.id())
                .append(" (")
                .append(event.title())
                .append(")");
        for (Detection d : detections) {
            description
                    .append("\n- ")
                    .append(d.rule().title())
                    .append(" [")
                    .append(d.rule().level())
                    .append(", ")
                    .append(d.rule().id())
                    .append("]: ")
                    .append(d.reason());
        }
        String title =
                detections.size() == 1 ? top.title() : top.title() + " (+" + (detections.size() - 1) + " more rules)";
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                event.source(),
                Detection.RAISED_ID_PREFIX + top.id(),
                now,
                event.occurredAt(),
                title,
                description.toString(),
                top.level(),
                severity(top.level()),
                "sigma " + top.logSource(),
                event.entities(),
                event.tenant(),
                event.raw());
    }

    static Severity severity(String level) {
        return switch (level) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            default -> Severity.INFO;
        };
    }
}
