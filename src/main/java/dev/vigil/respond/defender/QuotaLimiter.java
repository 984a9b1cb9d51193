package dev.vigil.respond.defender;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets per tenant and quota. A call takes one token, waiting up to the bound for it; past
 * the bound it fails rather than queueing without end. In-memory suffices: one Vigil instance calls Defender
 * per tenant at a time; the server-side 429 handling covers the rest.
 */
final class QuotaLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Duration maxWait;

    QuotaLimiter(Duration maxWait) {
        this.maxWait = maxWait;
    }

    void acquire(String tenant, DefenderQuota quota) {
        Bucket bucket = buckets.computeIfAbsent(tenant + '\n' + quota, k -> quota.newBucket());
        boolean granted;
        try {
            granted = bucket.asBlocking().tryConsume(1, maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DefenderUnavailable(tenant, "interrupted waiting for the " + quota + " quota", e);
        }
        if (!granted) {
            throw new DefenderUnavailable(
                    tenant,
                    "Defender's " + quota + " quota for tenant '" + tenant + "' is used up for longer than " + maxWait,
                    null);
        }
    }
}
