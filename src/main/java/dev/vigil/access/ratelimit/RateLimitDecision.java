package dev.vigil.access.ratelimit;

/**
 * What the bucket said, in the units of the IETF RateLimit headers.
 *
 * @param allowed whether the request may go on
 * @param bucket the bucket it spent from (or would have)
 * @param remaining requests left now
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when refused: seconds until one request is allowed again; 0 otherwise
 */
public record RateLimitDecision(
        boolean allowed, RateLimitBucket bucket, long remaining, long resetSeconds, long retryAfterSeconds) {

    public long limit() {
        return bucket.limit().capacity();
    }

    /** The policy as {@code <capacity>;w=<window seconds>}, e.g. {@code 600;w=60}. */
    public String policy() {
        long window = Math.max(1, ceilSeconds(bucket.limit().period().toNanos()));
        return limit() + ";w=" + window;
    }

    static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
