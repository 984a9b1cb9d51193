package dev.vigil.notify.outbox;

import dev.vigil.notify.slack.SlackProperties;

/**
 * How messages reach Slack: the bot token (any channel, threads, edits) is preferred over the incoming
 * webhook (one fixed channel, no threads); with neither, nothing is recorded for Slack at all.
 */
enum DeliveryMode {
    BOT,
    WEBHOOK,
    NONE;

    static DeliveryMode of(SlackProperties slack) {
        if (slack.hasBotToken()) {
            return BOT;
        }
        return slack.webhook() != null ? WEBHOOK : NONE;
    }
}
