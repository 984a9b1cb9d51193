package dev.vigil.notify.outbox;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertsTriaged;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.SlackMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the Slack messages a triaged batch calls for, in the transaction that stores the triage (the
 * event is published inside it): the message exists exactly when the triage does. A repeat of an alert
 * posted to the same channel within the suppression window is not a new message: it is counted on the
 * single thread reply under the first one.
 */
final class OutboxRecorder {

    private static final String LATEST_WITH_FINGERPRINT = """
            select id from notification
            where kind = 'ALERT' and fingerprint = ? and channel = ?
              and created_at > now() - make_interval(secs => ?)
            order by id desc limit 1""";

    private final JdbcTemplate jdbc;
    private final NotificationPolicy policy;
    private final AlertMessage messages;
    private final DeliveryMode mode;
    private final NotifyProperties properties;
    private final DispatchSignal signal;
    private final JsonMapper json = JsonMapper.builder().build();

    OutboxRecorder(
            JdbcTemplate jdbc,
            NotificationPolicy policy,
            AlertMessage messages,
            DeliveryMode mode,
            NotifyProperties properties,
            DispatchSignal signal) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.messages = messages;
        this.mode = mode;
        this.properties = properties;
        this.signal = signal;
    }

    @EventListener
    void onTriaged(AlertsTriaged event) {
        List<Wanted> wanted = new ArrayList<>();
        for (AlertsTriaged.Triaged t : event.alerts()) {
            Optional<String> channel = policy.channelFor(t.alert(), t.triage());
            channel.ifPresent(c -> wanted.add(new Wanted(t.alert(), t.triage(), c, Fingerprint.of(t.alert()))));
        }
        if (wanted.isEmpty()) {
            return;
        }
        // Two workers (or instances) triaging repeats of one alert at once must not both post it: the
        // check-then-insert below runs under a lock per channel and fingerprint, taken in sorted order so
        // that two batches never wait on each other in a cycle.
        wanted.stream()
                .map(Wanted::lockKey)
                .distinct()
                .sorted()
                .forEach(key -> jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))", key));
        for (Wanted w : wanted) {
            List<Long> earlier = jdbc.queryForList(
                    LATEST_WITH_FINGERPRINT,
                    Long.class,
                    w.fingerprint(),
                    w.channel(),
                    properties.suppressionWindow().toSeconds());
            if (earlier.isEmpty()) {
                recordMessage(w);
            } else {
                recordDuplicate(earlier.get(0), w);
            }
        }
        signal.wakeAfterCommit();
    }

    private void recordMessage(Wanted w) {
        SlackMessage message = messages.of(
                new StoredAlert(w.alert(), AlertStatus.TRIAGED, w.triage().queue(), w.triage(), null, 1));
        jdbc.update(
                "insert into notification (channel, kind, alert_id, fingerprint, text, blocks)"
                        + " values (?, 'ALERT', ?, ?, ?, ?::jsonb)",
                w.channel(),
                w.alert().id().value(),
                w.fingerprint(),
                message.text(),
                json.writeValueAsString(message.blocks()));
    }

    /**
     * Counts the repeat on the first message; with a bot token also on its thread reply, created with the
     * first repeat. A webhook cannot reply in a thread, so there the count only shows in the summary.
     */
    private void recordDuplicate(long parentId, Wanted w) {
        jdbc.update(
                "update notification set duplicates = duplicates + 1, last_duplicate_at = now() where id = ?",
                parentId);
        if (mode != DeliveryMode.BOT) {
            return;
        }
        jdbc.update("""
                insert into notification (channel, kind, parent_id, alert_id, fingerprint, duplicates, last_duplicate_at)
                values (?, 'DUPLICATES', ?, ?, ?, 1, now())
                on conflict (parent_id) where kind = 'DUPLICATES'
                do update set duplicates = notification.duplicates + 1, last_duplicate_at = now()""", w.channel(), parentId, w.alert().id().value(), w.fingerprint());
    }

    private record Wanted(Alert alert, TriageResult triage, String channel, String fingerprint) {
        String lockKey() {
            return "notification|" + channel + "|" + fingerprint;
        }
    }
}
