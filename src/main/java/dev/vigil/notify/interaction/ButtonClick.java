package dev.vigil.notify.interaction;

import org.jspecify.annotations.Nullable;

/**
 * One click on a button of a Vigil message, as Slack reports it in a {@code block_actions} payload: who
 * clicked (Slack user id), which button ({@code action_id}), its value (an alert id), where to answer, and
 * the clicked message's channel and ts when Slack sent them.
 */
record ButtonClick(
        String slackUserId,
        String actionId,
        String value,
        String responseUrl,
        @Nullable String channelId,
        @Nullable String messageTs) {

    ButtonClick(String slackUserId, String actionId, String value, String responseUrl) {
        this(slackUserId, actionId, value, responseUrl, null, null);
    }
}
