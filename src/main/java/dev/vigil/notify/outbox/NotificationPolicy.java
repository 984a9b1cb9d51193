package dev.vigil.notify.outbox;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.TriageResult;
import java.util.Optional;

/**
 * Decides whether a triaged alert is worth a message now, and in which channel. Events kept as context are
 * never sent (a detection they trigger raises an alert, which is); quiet sources never are; the rest must
 * reach the minimum class, or the minimum severity when one is set. With an incoming webhook there is one
 * channel, the webhook's, and routes do not apply.
 */
final class NotificationPolicy {

    /** The channel name recorded for messages sent through the incoming webhook. */
    static final String WEBHOOK_CHANNEL = "webhook";

    private final NotifyProperties properties;
    private final DeliveryMode mode;
    private final String defaultChannel;

    NotificationPolicy(NotifyProperties properties, DeliveryMode mode, String defaultChannel) {
        this.properties = properties;
        this.mode = mode;
        this.defaultChannel = defaultChannel.strip();
    }

    Optional<String> channelFor(Alert alert, TriageResult triage) {
        if (mode == DeliveryMode.NONE || alert.kind() != AlertKind.ALERT) {
            return Optional.empty();
        }
        if (properties.quietSources().contains(alert.source().id())) {
            return Optional.empty();
        }
        boolean byClass = triage.riskClass().compareTo(properties.minClass()) >= 0;
        boolean bySeverity =
                properties.minSeverity() != null && alert.severity().compareTo(properties.minSeverity()) >= 0;
        if (!byClass && !bySeverity) {
            return Optional.empty();
        }
        if (mode == DeliveryMode.WEBHOOK) {
            return Optional.of(WEBHOOK_CHANNEL);
        }
        for (NotifyProperties.Route route : properties.routes()) {
            if (matches(route, alert, triage)) {
                return Optional.of(route.channel().strip());
            }
        }
        return defaultChannel.isEmpty() ? Optional.empty() : Optional.of(defaultChannel);
    }

    private static boolean matches(NotifyProperties.Route route, Alert alert, TriageResult triage) {
        return (route.minClass() == null || triage.riskClass().compareTo(route.minClass()) >= 0)
                && (route.source() == null
                        || route.source()
                                .strip()
                                .equalsIgnoreCase(alert.source().id()))
                && (route.tenant() == null || route.tenant().strip().equals(alert.tenant()));
    }
}
