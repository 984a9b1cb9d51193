package dev.vigil.notify.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's rows as the dispatcher sees them. Only the first waiting row of a channel can be taken, so a
 * channel's messages go out in the order they were recorded; a taken row is leased to one instance, and its
 * try is committed as started before the post, so a crash mid-post is recognised by whoever takes it next.
 */
final class JdbcOutbox {

    /**
     * A row waiting to be sent: a first try or a retry, or a thread reply whose count grew since it was
     * posted. Word for word the predicate of {@code notification_waiting_idx} (V9), so that the index serves it.
     */
    static final String WAITING =
            "state = 'PENDING' or (kind = 'DUPLICATES' and state = 'SENT' and duplicates > sent_count)";

    /** The first waiting row of every channel: the only one of its channel that may be sent now. */
    private static final String HEADS = """
            select n.*, p.slack_ts as parent_ts, p.state as parent_state, p.created_at as parent_created_at
            from notification n
            left join notification p on p.id = n.parent_id
            where n.id in (
                select distinct on (channel) id from notification
                where %s
                order by channel, id)
              and n.next_attempt_at <= now()
              and (n.lease_until is null or n.lease_until < now())
              and not (n.channel = any (?))
            order by n.id
            limit ?
            for update of n skip locked""".formatted(JdbcOutbox.WAITING);

    /** Takes one token from the channel's bucket, refilled at the configured rate since it was last used. */
    private static final String TAKE_TOKEN = """
            update slack_channel_pace
            set tokens = least(?, tokens + extract(epoch from now() - refreshed_at) * ?) - 1, refreshed_at = now()
            where channel = ? and blocked_until <= now()
              and least(?, tokens + extract(epoch from now() - refreshed_at) * ?) >= 1""";

    private static final String LEASE = """
            update notification
            set lease_owner = ?, lease_until = now() + make_interval(secs => ?), attempts = attempts + 1,
                attempt_started_at = coalesce(attempt_started_at, now())
            where id = ?""";

    private static final String RELEASE = "lease_owner = null, lease_until = null";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final NotifyProperties properties;

    JdbcOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, NotifyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    /**
     * Leases up to {@code max} messages that may be sent now, at most one per channel and none of
     * {@code busy} (channels this instance is sending to already), each within its channel's pace.
     */
    Claims claim(String owner, Set<String> busy, int max) {
        Claims claims = transactions.execute(status -> {
            List<Claim> heads = jdbc.query(HEADS, JdbcOutbox::claim, busy.toArray(String[]::new), max);
            List<Claim> taken = new ArrayList<>();
            for (Claim head : heads) {
                if (takeToken(head.channel())) {
                    jdbc.update(LEASE, owner, properties.lease().toSeconds(), head.id());
                    taken.add(head);
                }
            }
            return new Claims(taken, taken.size() < heads.size());
        });
        return claims == null ? new Claims(List.of(), false) : claims;
    }

    /** What a claim took, and whether a channel's pace held back a message that is otherwise due. */
    record Claims(List<Claim> taken, boolean heldBack) {}

    private boolean takeToken(String channel) {
        double capacity = properties.channelBurst();
        double rate = properties.channelRate();
        jdbc.update(
                "insert into slack_channel_pace (channel, tokens) values (?, ?) on conflict do nothing",
                channel,
                capacity);
        return jdbc.update(TAKE_TOKEN, capacity, rate, channel, capacity, rate) == 1;
    }

    void sent(Claim claim, @Nullable String ts, int countShown) {
        jdbc.update(
                // attempts back to 0: a thread reply is edited again and again, and each edit's tries start afresh
                "update notification set state = 'SENT', slack_ts = coalesce(?, slack_ts), sent_at = now(),"
                        + " sent_count = ?, attempts = 0, attempt_started_at = null, outcome_unknown = false,"
                        + " last_error = null, "
                        + RELEASE + " where id = ?",
                ts,
                countShown,
                claim.id());
    }

    /**
     * A try that failed and may succeed later. {@code outcomeUnknown}: the post may have reached Slack, so
     * the next try looks for it first; otherwise Slack certainly has nothing from this try.
     */
    void retryLater(Claim claim, Duration wait, String error, boolean outcomeUnknown) {
        // A try that began in doubt (an earlier post may have arrived) and failed before settling it, say
        // while reading the history, leaves the doubt for the next try.
        boolean doubt = outcomeUnknown || claim.recovering();
        jdbc.update(
                "update notification set next_attempt_at = now() + make_interval(secs => ?), last_error = ?,"
                        + " outcome_unknown = outcome_unknown or ?,"
                        + " attempt_started_at = case when outcome_unknown or ? then attempt_started_at end, "
                        + RELEASE + " where id = ?",
                seconds(wait),
                error,
                doubt,
                doubt,
                claim.id());
    }

    /** Slack asked us to wait: the whole channel waits, and the try does not count toward giving up. */
    void rateLimited(Claim claim, Duration retryAfter, String error) {
        transactions.executeWithoutResult(status -> {
            retryLater(claim, retryAfter, error, false);
            jdbc.update("update notification set attempts = greatest(0, attempts - 1) where id = ?", claim.id());
            jdbc.update(
                    "update slack_channel_pace set blocked_until = now() + make_interval(secs => ?) where channel = ?",
                    seconds(retryAfter),
                    claim.channel());
        });
    }

    /** Slack refused for good: the message becomes a dead letter, with Slack's reason. */
    void dead(Claim claim, String reason) {
        transactions.executeWithoutResult(status -> {
            jdbc.update(
                    "update notification set state = 'DEAD', last_error = ?, attempt_started_at = null,"
                            + " outcome_unknown = false, " + RELEASE + " where id = ?",
                    reason,
                    claim.id());
            jdbc.update(
                    "insert into notification_dead_letter (notification_id, reason, attempts) values (?, ?, ?)",
                    claim.id(),
                    reason,
                    claim.attempts() + 1);
        });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Claim claim(ResultSet rs, int n) throws SQLException {
        Timestamp started = rs.getTimestamp("attempt_started_at");
        boolean unknown = rs.getBoolean("outcome_unknown");
        return new Claim(
                rs.getLong("id"),
                rs.getString("channel"),
                NotificationKind.valueOf(rs.getString("kind")),
                rs.getObject("alert_id", UUID.class),
                rs.getString("fingerprint"),
                rs.getString("thread_ts"),
                rs.getString("text"),
                rs.getString("blocks"),
                rs.getInt("duplicates"),
                instant(rs.getTimestamp("last_duplicate_at")),
                rs.getString("slack_ts"),
                rs.getInt("attempts"),
                started != null || unknown,
                started != null
                        ? started.toInstant()
                        : rs.getTimestamp("created_at").toInstant(),
                rs.getString("parent_ts"),
                rs.getString("parent_state"),
                instant(rs.getTimestamp("parent_created_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
