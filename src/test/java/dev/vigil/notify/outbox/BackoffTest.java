package dev.vigil.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesWithJitterWithinBounds() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(300_000, 1000L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long wait = backoff.after(attempt).toMillis();
                assertThat(wait).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void neverExceedsTheCapHoweverManyTries() {
        for (int attempt : new int[] {9, 20, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.after(attempt)).isBetween(Duration.ofMillis(150_000), Duration.ofMinutes(5));
        }
    }

    @Test
    void spreadsRetriesThatFailedTogether() {
        assertThat(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> backoff.after(6))
                        .distinct()
                        .count())
                .isGreaterThan(10);
    }
}
