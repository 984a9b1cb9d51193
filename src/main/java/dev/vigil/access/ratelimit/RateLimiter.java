package dev.vigil.access.ratelimit;

import dev.vigil.access.ratelimit.RateLimitProperties.Limit;
import dev.vigil.access.ratelimit.RateLimitProperties.Sync;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets whose state lives in PostgreSQL (table {@code rate_limit_bucket}), so every Vigil instance
 * spends from the same buckets. Bucket proxies are kept per key: the proxy is where concurrent requests
 * for one bucket are batched into one round trip, and, for ingest buckets when unsynchronized tokens are
 * allowed, where the instance's local share is kept. Role and anonymous buckets always settle every
 * request: they are small, and exact counts are what slows guessing.
 */
public final class RateLimiter {

    /** Tries of a request whose new bucket another request is still creating. */
    private static final int MAX_ATTEMPTS = 5;

    private final ProxyManager<String> buckets;
    private final Sync sync;
    private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

    public RateLimiter(ProxyManager<String> buckets, Sync sync) {
        this.buckets = buckets;
        this.sync = sync;
    }

    /** Spends one request from the bucket, or says how long until it may. */
    public RateLimitDecision consume(RateLimitBucket bucket) {
        ConsumptionProbe probe = consumeOne(bucket, 1);
        long reset = RateLimitDecision.ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateLimitDecision(true, bucket, probe.getRemainingTokens(), reset, 0);
        }
        long retryAfter = Math.max(1, RateLimitDecision.ceilSeconds(probe.getNanosToWaitForRefill()));
        return new RateLimitDecision(false, bucket, 0, Math.max(reset, retryAfter), retryAfter);
    }

    /**
     * Bucket4j 8.18: when concurrent first requests for a new bucket are batched together, all but the one
     * that creates the row fail with "bucket does not exist"; a retry that comes before the creator has
     * committed fails the same way. The row is there moments later, so such a request tries again, a few
     * times, with a short pause.
     */
    private ConsumptionProbe consumeOne(RateLimitBucket bucket, int attempt) {
        try {
            return proxy(bucket).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (!isBucketNotFound(e) || attempt >= MAX_ATTEMPTS) {
                throw e;
            }
            try {
                Thread.sleep(attempt);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return consumeOne(bucket, attempt + 1);
        }
    }

    private BucketProxy proxy(RateLimitBucket bucket) {
        BucketProxy proxy = proxies.get(bucket.key());
        if (proxy != null) {
            return proxy;
        }
        if (proxies.size() >= sync.maxCachedBuckets()) {
            // Crude but bounded: many distinct callers (e.g. client IPs) must not grow the map without end.
            proxies.clear();
        }
        return proxies.computeIfAbsent(bucket.key(), key -> build(key, bucket.limit(), bucket.highVolume()));
    }

    private BucketProxy build(String key, Limit limit, boolean highVolume) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
        RemoteBucketBuilder<String> builder = buckets.builder()
                // A changed limit in the configuration replaces the stored one on the next request.
                .withImplicitConfigurationReplacement(version(limit), TokensInheritanceStrategy.AS_IS)
                .withOptimization(
                        !highVolume || sync.maxUnsynchronizedTokens() == 0
                                ? Optimizations.batching()
                                : Optimizations.delaying(new DelayParameters(
                                        sync.maxUnsynchronizedTokens(), sync.maxUnsynchronizedTime())));
        return builder.build(key, () -> configuration);
    }

    private static boolean isBucketNotFound(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** Equal limits give equal versions on every instance. */
    static long version(Limit limit) {
        return limit.capacity() * 1_000_003L + limit.period().toMillis();
    }
}
