package dev.vigil.notify.summary;

import java.time.Duration;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vigil.summary.*}: when the daily summary runs (a Spring cron expression in {@code zone}), whether it
 * runs on weekends, where it goes, and how a failed delivery is retried.
 *
 * @param channel Slack channel for the summary; empty: {@code vigil.slack.channel}
 * @param enabled whether this instance sends scheduled summaries at all (tests turn it off and drive the
 *     scheduler themselves)
 * @param maxAttempts deliveries tried before a run is marked failed
 * @param retryFirst wait after the first failure; doubled after each further one
 * @param retryMax longest wait between two attempts
 */
@ConfigurationProperties("vigil.summary")
public record SummaryProperties(
        String cron,
        ZoneId zone,
        WeekendPolicy weekends,
        @Nullable String channel,
        @Nullable Boolean enabled,
        @Nullable Integer maxAttempts,
        @Nullable Duration retryFirst,
        @Nullable Duration retryMax) {

    public SummaryProperties {
        cron = cron == null || cron.isBlank() ? "0 0 8 * * *" : cron;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        weekends = weekends == null ? WeekendPolicy.SKIP : weekends;
        channel = channel == null ? "" : channel.strip();
        enabled = enabled == null || enabled;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        retryFirst = retryFirst == null ? Duration.ofMinutes(1) : retryFirst;
        retryMax = retryMax == null ? Duration.ofMinutes(30) : retryMax;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("vigil.summary.max-attempts must be at least 1");
        }
        if (retryFirst.isNegative() || retryFirst.isZero() || retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("vigil.summary.retry-first must be positive and at most retry-max");
        }
    }

    /** The wait before attempt {@code attempts + 1}: exponential from {@link #retryFirst}, at most {@link #retryMax}. */
    public Duration backoff(int attempts) {
        Duration wait = retryFirst;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
