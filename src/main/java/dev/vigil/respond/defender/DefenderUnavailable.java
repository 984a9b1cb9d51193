package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/**
 * Defender could not be reached or kept failing: network errors, 5xx or 429 after the bounded retries, or
 * Vigil's own quota limiter could not grant a call within {@code vigil.defender.max-wait}.
 */
public final class DefenderUnavailable extends DefenderException {

    DefenderUnavailable(String tenant, String message, @Nullable Throwable cause) {
        super(tenant, message, cause);
    }
}
