package dev.vigil.notify.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "full jitter": the n-th wait is random in [base·2ⁿ⁻¹/2, base·2ⁿ⁻¹], capped. The
 * spread keeps instances (and channels) that failed together from retrying together.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The wait after the {@code attempt}-th try (1 for the first) failed. */
    Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(doublings, 62 - 10));
        if (ceiling <= 0 || ceiling > max.toMillis()) {
            ceiling = max.toMillis();
        }
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
