package dev.vigil.notify.outbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether Slack answered this instance's latest call. Any answer counts, a refusal or a rate limit too:
 * Slack is there. Only a call that got no usable answer (network, timeout, 5xx) counts as unreachable.
 */
final class SlackReachability {

    private @Nullable Instant lastAnswer;
    private @Nullable Instant lastFailure;
    private @Nullable String lastError;

    synchronized void answered() {
        lastAnswer = Instant.now();
    }

    synchronized void failed(String error) {
        lastFailure = Instant.now();
        lastError = error;
    }

    /** Null until this instance has called Slack. */
    synchronized @Nullable Boolean reachable() {
        if (lastAnswer == null && lastFailure == null) {
            return null;
        }
        return lastFailure == null || (lastAnswer != null && lastAnswer.isAfter(lastFailure));
    }

    synchronized @Nullable String lastError() {
        return lastError;
    }
}
