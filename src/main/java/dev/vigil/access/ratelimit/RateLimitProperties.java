package dev.vigil.access.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.rate-limit}: token buckets per caller. Each limit is a bucket of {@code capacity} requests
 * that refills completely, evenly, over {@code period}; the defaults are in application.yml. Bad values stop
 * Vigil at start with the key named.
 *
 * @param roles one bucket per API key or dashboard user, sized by its role
 * @param ingestKeys every request of a key with the {@code ingest} scope (sensors)
 * @param ingestEndpoint {@code POST /api/v1/alerts} by any other caller, in a bucket of its own
 * @param anonymous requests without valid credentials, and failed authentications, per client IP
 * @param sync how often an instance settles its buckets with PostgreSQL
 */
@ConfigurationProperties("vigil.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @NotNull Roles roles,
        @Valid @NotNull Limit ingestKeys,
        @Valid @NotNull Limit ingestEndpoint,
        @Valid @NotNull Limit anonymous,
        @Valid @DefaultValue Sync sync) {

    /** Per-role limits of API keys and dashboard users. */
    public record Roles(
            @Valid @NotNull Limit analyst,
            @Valid @NotNull Limit engineer,
            @Valid @NotNull Limit admin) {}

    /** A bucket of {@code capacity} requests refilled evenly over {@code period}. */
    public record Limit(
            @Min(1) @Max(1_000_000_000) long capacity,
            @NotNull Duration period) {

        @AssertTrue(message = "period must be between 1ms and 1 day")
        public boolean isPeriodSane() {
            return period != null
                    && period.compareTo(Duration.ofMillis(1)) >= 0
                    && period.compareTo(Duration.ofDays(1)) <= 0;
        }
    }

    /**
     * How the ingest buckets settle with PostgreSQL. {@code maxUnsynchronizedTokens} 0: every request
     * (exact across instances; concurrent requests for one bucket share a round trip). Above 0: an
     * instance spends up to that many tokens of an ingest bucket locally, or for up to
     * {@code maxUnsynchronizedTime}, before it settles, so a sensor may overshoot by that much per
     * instance in exchange for a query per that many requests. Role and anonymous buckets are always exact.
     */
    public record Sync(
            @Min(0) @DefaultValue("100") long maxUnsynchronizedTokens,
            @NotNull @DefaultValue("100ms") Duration maxUnsynchronizedTime,
            @Min(100) @DefaultValue("100000") int maxCachedBuckets) {

        @AssertTrue(message = "max-unsynchronized-time must be positive")
        public boolean isTimePositive() {
            return maxUnsynchronizedTime != null
                    && !maxUnsynchronizedTime.isNegative()
                    && !maxUnsynchronizedTime.isZero();
        }
    }
}
