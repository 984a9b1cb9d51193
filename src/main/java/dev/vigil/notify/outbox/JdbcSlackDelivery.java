package dev.vigil.notify.outbox;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.notify.SlackDelivery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SlackDelivery} over the outbox tables; every replay is audited. */
final class JdbcSlackDelivery implements SlackDelivery {

    private static final String REPLAY = """
            update notification_dead_letter d set replayed_at = now(), replayed_by = ?
            where d.id = ? and d.replayed_at is null
            returning d.notification_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DeliveryMode mode;
    private final SlackReachability reachability;
    private final AuditLog audit;

    JdbcSlackDelivery(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            DeliveryMode mode,
            SlackReachability reachability,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mode = mode;
        this.reachability = reachability;
        this.audit = audit;
    }

    @Override
    public Status status() {
        return jdbc.queryForObject(
                """
                select (select count(*) from notification where %s) as backlog,
                       (select min(created_at) from notification where state = 'PENDING') as oldest,
                       (select count(*) from notification_dead_letter where replayed_at is null) as dead,
                       (select max(sent_at) from notification) as last_sent""".formatted(JdbcOutbox.WAITING),
                (rs, n) -> new Status(
                        mode != DeliveryMode.NONE,
                        mode.name().toLowerCase(Locale.ROOT),
                        reachability.reachable(),
                        reachability.lastError(),
                        rs.getLong("backlog"),
                        instant(rs.getTimestamp("oldest")),
                        rs.getLong("dead"),
                        instant(rs.getTimestamp("last_sent"))));
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.query(
                """
                select d.id, d.notification_id, n.channel, n.kind, n.alert_id, d.reason, d.attempts, d.failed_at
                from notification_dead_letter d join notification n on n.id = d.notification_id
                where d.replayed_at is null
                order by d.id
                limit ?""",
                (rs, n) -> new DeadLetter(
                        rs.getLong("id"),
                        rs.getLong("notification_id"),
                        rs.getString("channel"),
                        rs.getString("kind"),
                        rs.getObject("alert_id", UUID.class),
                        rs.getString("reason"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("failed_at").toInstant()),
                limit);
    }

    @Override
    public List<Long> replay(Collection<Long> ids, String actor) {
        List<Long> replayed = transactions.execute(status -> {
            List<Long> done = new ArrayList<>();
            for (long id : ids.stream().distinct().sorted().toList()) {
                List<Long> notification = jdbc.queryForList(REPLAY, Long.class, actor, id);
                if (!notification.isEmpty()) {
                    // A fresh start: the dead letter keeps the history of the earlier tries.
                    jdbc.update(
                            "update notification set state = 'PENDING', attempts = 0, next_attempt_at = now(),"
                                    + " last_error = null where id = ? and state = 'DEAD'",
                            notification.get(0));
                    done.add(id);
                    audit.record(AuditEntry.of(actor, "notification.replay", "dead-letter:" + id, AuditOutcome.SUCCESS)
                            .withDetails(Map.of("notification", Long.toString(notification.get(0)))));
                }
            }
            return done;
        });
        return replayed == null ? List.of() : replayed;
    }

    @Override
    public List<Long> replayAll(String actor) {
        List<Long> open =
                jdbc.queryForList("select id from notification_dead_letter where replayed_at is null", Long.class);
        return replay(open, actor);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
