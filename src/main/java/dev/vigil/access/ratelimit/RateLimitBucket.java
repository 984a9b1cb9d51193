package dev.vigil.access.ratelimit;

import dev.vigil.access.ratelimit.RateLimitProperties.Limit;

/**
 * The bucket a request spends from.
 *
 * @param key its row in PostgreSQL: the policy, then the caller ({@code role|key:<uuid>}, {@code anonymous|ip:...})
 * @param policy the name of the limit that applies, for the response headers and the docs
 * @param limit its size and refill period
 * @param highVolume an ingest bucket: thousands of requests a second, where settling every one with
 *     PostgreSQL would cost more than a small overshoot (see {@link RateLimitProperties.Sync})
 */
public record RateLimitBucket(String key, String policy, Limit limit, boolean highVolume) {

    public RateLimitBucket(String key, String policy, Limit limit) {
        this(key, policy, limit, false);
    }
}
