package dev.vigil.respond.defender.slack;

import dev.vigil.notify.SlackOutbox;
import dev.vigil.respond.DefenderActionEnded;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Tells Slack when a Defender action Vigil started has ended: device, action, final status, who asked and
 * how long it took. An action started from a Slack button is answered in the thread of the message clicked;
 * any other goes to the default channel. Posted through the outbox, so a Slack outage only delays it, and
 * keyed by the action id, so the message exists once however often the end is announced.
 */
final class ActionEndedNotices {

    private static final Logger log = LoggerFactory.getLogger(ActionEndedNotices.class);

    private final SlackActionOrigins origins;
    private final SlackOutbox outbox;

    ActionEndedNotices(SlackActionOrigins origins, SlackOutbox outbox) {
        this.origins = origins;
        this.outbox = outbox;
    }

    @EventListener
    void onEnded(DefenderActionEnded ended) {
        try {
            Optional<SlackActionOrigins.Origin> origin = origins.origin(ended.actionId());
            boolean inThread = origin.isPresent()
                    && origin.get().channelId() != null
                    && origin.get().messageTs() != null;
            outbox.post(new SlackOutbox.Post(
                    "defender-action-ended:" + ended.actionId(),
                    inThread ? origin.get().channelId() : null,
                    inThread ? origin.get().messageTs() : null,
                    text(
                            ended,
                            origin.orElse(null),
                            origins.facts(ended.actionId()).orElse(null))));
        } catch (RuntimeException e) {
            // The poller announced it; a failure here must not fail the poll. The action's state is stored.
            log.warn("The end of Defender action {} was not posted to Slack: {}", ended.actionId(), e.toString());
        }
    }

    static String text(
            DefenderActionEnded ended,
            SlackActionOrigins.@Nullable Origin origin,
            SlackActionOrigins.@Nullable Facts facts) {
        String device = origin != null && origin.deviceName() != null
                ? origin.deviceName() + " (" + ended.machineId() + ")"
                : ended.machineId();
        StringBuilder text = new StringBuilder("Defender action ")
                .append(ended.type())
                .append(" on ")
                .append(device)
                .append(" ended: ")
                .append(ended.status())
                .append('.');
        if (facts != null) {
            text.append(" Requested by ")
                    .append(facts.requestedBy())
                    .append("; took ")
                    .append(duration(Duration.between(facts.createdAt(), facts.updatedAt())))
                    .append('.');
        }
        if (origin != null) {
            text.append(" For Vigil alert ").append(origin.alertId()).append('.');
        }
        return text.append(" (action ")
                .append(ended.actionId())
                .append(", tenant ")
                .append(ended.tenant())
                .append(')')
                .toString();
    }

    /** "45 s", "3 min 5 s", "2 h 4 min": as precise as a person reading it needs. */
    static String duration(Duration took) {
        long seconds = Math.max(0, took.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
