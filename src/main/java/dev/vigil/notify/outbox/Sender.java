package dev.vigil.notify.outbox;

import dev.vigil.notify.slack.DuplicateReply;
import dev.vigil.notify.slack.SlackApi;
import dev.vigil.notify.slack.SlackMessage;
import dev.vigil.notify.slack.SlackPermanentError;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one claimed message. A post that may already have reached Slack (its earlier try was cut short) is
 * first looked for by its tag in the channel, and not posted again if found: that is what keeps a retry from
 * making a second message. A thread reply is posted once and edited afterwards as its count grows.
 */
final class Sender {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final TypeReference<List<Map<String, Object>>> BLOCKS = new TypeReference<>() {};

    private final SlackApi slack;
    private final DeliveryMode mode;
    private final @Nullable URI webhook;
    private final JsonMapper json = JsonMapper.builder().build();

    Sender(SlackApi slack, DeliveryMode mode, @Nullable URI webhook) {
        this.slack = slack;
        this.mode = mode;
        this.webhook = webhook;
    }

    /** What Slack now shows: the message's ts (null through a webhook) and the repeat count it shows. */
    record Delivered(@Nullable String ts, int countShown) {}

    /** Thrown when the message can never be sent, for a reason of ours rather than Slack's. */
    static final class Undeliverable extends RuntimeException {
        Undeliverable(String reason) {
            super(reason, null, false, false);
        }
    }

    Delivered send(Claim claim) {
        return switch (claim.kind()) {
            case ALERT, POST -> sendMessage(claim);
            case DUPLICATES -> sendDuplicates(claim);
        };
    }

    /**
     * An alert's message, or another module's post (in the thread it names, when there is one; alert rows name
     * none).
     */
    private Delivered sendMessage(Claim claim) {
        String text = Objects.requireNonNull(claim.text(), "a message has text");
        List<Map<String, Object>> blocks = json.readValue(Objects.requireNonNull(claim.blocks()), BLOCKS);
        if (mode == DeliveryMode.WEBHOOK) {
            // No history to look in: a webhook post whose answer was lost is sent again (at least once).
            slack.postWebhook(Objects.requireNonNull(webhook), text, blocks);
            return new Delivered(null, 0);
        }
        Optional<String> already = alreadyPosted(claim, claim.threadTs());
        if (already.isPresent()) {
            return new Delivered(already.get(), 0);
        }
        return new Delivered(slack.postTagged(claim.channel(), text, blocks, claim.threadTs(), claim.tag()), 0);
    }

    private Delivered sendDuplicates(Claim claim) {
        if (!"SENT".equals(claim.parentState()) || claim.parentTs() == null) {
            throw new Undeliverable("the message this reply belongs under was not delivered");
        }
        Instant first = Objects.requireNonNull(claim.parentCreatedAt());
        Instant latest = Objects.requireNonNullElse(claim.lastDuplicateAt(), first);
        SlackMessage reply = DuplicateReply.of(claim.duplicates(), Duration.between(first, latest));
        String ts = claim.slackTs();
        if (ts == null) {
            ts = alreadyPosted(claim, claim.parentTs()).orElse(null);
        }
        if (ts == null) {
            ts = slack.postTagged(claim.channel(), reply.text(), reply.blocks(), claim.parentTs(), claim.tag());
        } else {
            slack.update(claim.channel(), ts, reply.text(), reply.blocks());
        }
        return new Delivered(ts, claim.duplicates());
    }

    private Optional<String> alreadyPosted(Claim claim, @Nullable String threadTs) {
        if (!claim.recovering()) {
            return Optional.empty();
        }
        try {
            Optional<String> found = slack.findTagged(claim.channel(), threadTs, claim.triedSince(), claim.tag());
            log.info(
                    "Notification {}: an earlier try may have reached Slack; {}",
                    claim.id(),
                    found.isPresent() ? "it did, not posting again" : "it did not, posting");
            return found;
        } catch (SlackPermanentError e) {
            // Most likely the token lacks the history scope: at least once beats never.
            log.warn(
                    "Notification {}: could not look for an earlier try ({}); posting, which may repeat it",
                    claim.id(),
                    e.reason());
            return Optional.empty();
        }
    }
}
