package dev.vigil.respond.defender.slack;

import dev.vigil.alert.AlertId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a Defender action started from Slack came from ({@code defender_action_slack}): the alert, the Slack
 * user and the message clicked. Also reads the stored action's requester and times for the end message;
 * {@code defender_action} belongs to this module, and its store keeps these package-private.
 */
final class SlackActionOrigins {

    /** The Slack message an action was started from. */
    record Origin(
            AlertId alertId,
            String slackUser,
            @Nullable String channelId,
            @Nullable String messageTs,
            @Nullable String deviceName) {}

    /** Who asked for a stored action, when Vigil stored it and when Vigil saw it end. */
    record Facts(String requestedBy, Instant createdAt, Instant updatedAt) {}

    private final JdbcTemplate jdbc;

    SlackActionOrigins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers the click behind an action; the first click wins when a repeat answers the same action. */
    void remember(
            String actionId,
            AlertId alertId,
            String slackUser,
            @Nullable String channelId,
            @Nullable String messageTs,
            @Nullable String deviceName) {
        jdbc.update(
                "insert into defender_action_slack (action_id, alert_id, slack_user, channel_id, message_ts, device_name)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (action_id) do nothing",
                actionId,
                alertId.value(),
                slackUser,
                channelId,
                messageTs,
                deviceName);
    }

    /** Remembers the click behind an action held for approval, until it runs. */
    void rememberHeld(
            java.util.UUID approvalId,
            AlertId alertId,
            String slackUser,
            @Nullable String channelId,
            @Nullable String messageTs,
            @Nullable String deviceName) {
        jdbc.update(
                "insert into defender_approval_slack (approval_id, alert_id, slack_user, channel_id, message_ts,"
                        + " device_name) values (?, ?, ?, ?, ?, ?) on conflict (approval_id) do nothing",
                approvalId,
                alertId.value(),
                slackUser,
                channelId,
                messageTs,
                deviceName);
    }

    /** The approved action now runs as {@code actionId}: its click is that action's origin. */
    void heldBecame(java.util.UUID approvalId, String actionId) {
        jdbc.update(
                "insert into defender_action_slack (action_id, alert_id, slack_user, channel_id, message_ts,"
                        + " device_name) select ?, alert_id, slack_user, channel_id, message_ts, device_name"
                        + " from defender_approval_slack where approval_id = ? on conflict (action_id) do nothing",
                actionId,
                approvalId);
    }

    Optional<Origin> origin(String actionId) {
        return jdbc
                .query(
                        "select alert_id, slack_user, channel_id, message_ts, device_name from defender_action_slack"
                                + " where action_id = ?",
                        (rs, n) -> new Origin(
                                new AlertId(rs.getObject("alert_id", java.util.UUID.class)),
                                rs.getString("slack_user"),
                                rs.getString("channel_id"),
                                rs.getString("message_ts"),
                                rs.getString("device_name")),
                        actionId)
                .stream()
                .findFirst();
    }

    Optional<Facts> facts(String actionId) {
        return jdbc
                .query(
                        "select requested_by, created_at, updated_at from defender_action where id = ?",
                        (rs, n) -> new Facts(
                                rs.getString("requested_by"),
                                instant(rs.getTimestamp("created_at")),
                                instant(rs.getTimestamp("updated_at"))),
                        actionId)
                .stream()
                .findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
