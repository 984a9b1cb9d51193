package dev.vigil.notify.outbox;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message the dispatcher holds the lease of and is about to send.
 *
 * @param recovering an earlier try may have reached Slack (an instance died while posting, or the answer
 *     was lost), so Slack is asked first whether it has the message
 * @param triedSince when the earliest try that may have reached Slack began
 * @param fingerprint an alert's fingerprint; a post's key
 * @param threadTs the thread a post replies in, if any
 * @param parentTs the ts of the message a thread reply belongs under, once that message is posted
 * @param parentState the state of that message
 */
record Claim(
        long id,
        String channel,
        NotificationKind kind,
        @Nullable UUID alertId,
        @Nullable String fingerprint,
        @Nullable String threadTs,
        @Nullable String text,
        @Nullable String blocks,
        int duplicates,
        @Nullable Instant lastDuplicateAt,
        @Nullable String slackTs,
        int attempts,
        boolean recovering,
        Instant triedSince,
        @Nullable String parentTs,
        @Nullable String parentState,
        @Nullable Instant parentCreatedAt) {

    /**
     * The tag a post carries in its metadata, by which a later try recognises it in the channel. Built from
     * the alert's id (a UUID), not the row's, so that two Vigil installations posting to one channel never
     * take each other's messages for their own.
     */
    String tag() {
        // A post has no alert: its key (unique, chosen by the poster) stands in.
        return kind.name().toLowerCase(Locale.ROOT) + ":" + (kind == NotificationKind.POST ? fingerprint : alertId);
    }
}
