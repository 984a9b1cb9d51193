package dev.vigil.notify;

import dev.vigil.access.User;
import org.jspecify.annotations.Nullable;

/**
 * A verified click by a linked, permitted Vigil user: the button's {@code action_id} and value, and where the
 * clicked message is ({@code channel.id} and {@code container.message_ts} of the payload, when Slack sent them).
 */
public record SlackButtonClick(
        User clicker,
        String slackUserId,
        String actionId,
        String value,
        @Nullable String channelId,
        @Nullable String messageTs) {}
