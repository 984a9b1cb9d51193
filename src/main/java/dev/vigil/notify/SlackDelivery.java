package dev.vigil.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The state of Slack delivery, for the status endpoint, and the dead letters: messages Slack refused for
 * good, with its reason, which an engineer can send again once the cause is fixed.
 */
public interface SlackDelivery {

    Status status();

    /** Dead letters not replayed yet, oldest first. */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Puts the dead letters {@code ids} back in the outbox; they are sent again in their channel's order.
     *
     * @return the ids replayed; ids unknown or replayed before are left out
     */
    List<Long> replay(Collection<Long> ids, String actor);

    /** Replays every dead letter not replayed yet; returns their ids. */
    List<Long> replayAll(String actor);

    /**
     * @param mode {@code bot}, {@code webhook} or {@code none}
     * @param reachable whether Slack answered this instance's latest call; null before the first call
     * @param backlog messages waiting to be sent (first tries and retries)
     * @param oldestWaiting when the oldest of them was recorded
     */
    record Status(
            boolean configured,
            String mode,
            @Nullable Boolean reachable,
            @Nullable String lastError,
            long backlog,
            @Nullable Instant oldestWaiting,
            long deadLetters,
            @Nullable Instant lastDelivered) {}

    record DeadLetter(
            long id,
            long notificationId,
            String channel,
            String kind,
            @Nullable UUID alertId,
            String reason,
            int attempts,
            Instant failedAt) {}
}
