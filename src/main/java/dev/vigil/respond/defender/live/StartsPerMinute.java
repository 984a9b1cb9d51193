package dev.vigil.respond.defender.live;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vigil's side of Defender's 10-a-minute live-response quota, per tenant. Unlike the shared quota limiter it
 * never waits: a session beyond the quota is refused at once with the seconds until one is free, so that a
 * person asking is told rather than left hanging. The tokens come back all at once a minute after the
 * first was taken, not a sixth of a minute at a time: never more than the quota in a minute, however slowly
 * the starts arrive. In memory, per instance, like the shared limiter.
 */
final class StartsPerMinute {

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    StartsPerMinute(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one start for the tenant, or throws {@link TooManySessions} with when to try again. */
    void take(String tenant) {
        Bucket bucket = buckets.computeIfAbsent(
                tenant,
                t -> Bucket.builder()
                        .addLimit(l -> l.capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)))
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new TooManySessions(
                    "tenant '" + tenant + "' may start " + perMinute + " live-response sessions a minute", seconds);
        }
    }
}
