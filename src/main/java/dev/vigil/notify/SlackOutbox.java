package dev.vigil.notify;

import org.jspecify.annotations.Nullable;

/**
 * Posts a short text message through the notification outbox, so it is retried while Slack is down and kept
 * as a dead letter if Slack refuses it for good. Recorded in the caller's transaction when there is one.
 */
public interface SlackOutbox {

    /**
     * Records the message to be sent.
     *
     * @return false when Slack is not configured (nothing recorded) or a message with this key exists already
     */
    boolean post(Post post);

    /**
     * @param key unique per message (e.g. {@code defender-action:<id>}): a second post with the same key is
     *     ignored, and a retry recognises its earlier try in the channel by it
     * @param channel a channel id or name; null for the default channel ({@code vigil.slack.channel})
     * @param threadTs the message to reply under; ignored with an incoming webhook, which has no threads
     * @param text plain text, escaped before it is sent
     */
    record Post(
            String key, @Nullable String channel, @Nullable String threadTs, String text) {}
}
