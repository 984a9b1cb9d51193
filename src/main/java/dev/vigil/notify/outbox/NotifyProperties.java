package dev.vigil.notify.outbox;

import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which alerts reach Slack at once, where, and how the outbox delivers them ({@code vigil.notify}). Every
 * other alert waits for the daily summary.
 *
 * @param minClass the least risk class sent at once
 * @param minSeverity when set, alerts of this normalised severity or above are sent too, whatever their class
 * @param routes the first route that matches an alert names its channel; none matching: {@code vigil.slack.channel}
 * @param quietSources source formats ({@code zeek}, {@code suricata}, ...) never sent at once
 * @param suppressionWindow an alert with the fingerprint of one posted in the same channel this recently is
 *     counted in that message's thread instead of posted
 * @param channelBurst messages a channel may take in a burst before pacing holds the rest
 * @param channelRate messages per second a channel takes once the burst is spent (Slack allows about one)
 * @param firstRetry the wait after the first transient failure; it doubles each time, with jitter
 * @param maxRetryWait the longest wait between two tries
 * @param maxAttempts tries before a message that keeps failing transiently becomes a dead letter
 * @param lease how long an instance holds a message it is sending; another takes it over after that
 * @param pollInterval how often the dispatcher looks for work no wake-up told it about
 * @param senders messages sent at the same time (each to a different channel)
 */
@ConfigurationProperties("vigil.notify")
public record NotifyProperties(
        @DefaultValue("HIGH") RiskClass minClass,
        @Nullable Severity minSeverity,
        @DefaultValue List<Route> routes,
        @DefaultValue Set<String> quietSources,
        @DefaultValue("10m") Duration suppressionWindow,
        @DefaultValue("3") int channelBurst,
        @DefaultValue("1.0") double channelRate,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("5m") Duration maxRetryWait,
        @DefaultValue("100") int maxAttempts,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("4") int senders) {

    public NotifyProperties {
        routes = List.copyOf(routes);
        quietSources = Set.copyOf(quietSources.stream().map(String::strip).toList());
        positive("suppression-window", suppressionWindow);
        positive("first-retry", firstRetry);
        positive("max-retry-wait", maxRetryWait);
        positive("lease", lease);
        positive("poll-interval", pollInterval);
        if (channelBurst < 1 || channelRate <= 0) {
            throw new IllegalArgumentException(
                    "vigil.notify.channel-burst must be at least 1 and channel-rate positive");
        }
        if (maxAttempts < 1 || senders < 1) {
            throw new IllegalArgumentException("vigil.notify.max-attempts and senders must be at least 1");
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("vigil.notify." + key + " must be positive");
        }
    }

    /**
     * One routing rule: every condition given must hold (a missing one matches anything).
     *
     * @param minClass the alert's risk class is at least this
     * @param source the alert's source format id ({@code defender}, {@code suricata}, ...)
     * @param tenant the alert's tenant
     * @param channel where matching alerts go
     */
    public record Route(
            @Nullable RiskClass minClass,
            @Nullable String source,
            @Nullable String tenant,
            String channel) {

        public Route {
            if (channel == null || channel.isBlank()) {
                throw new IllegalArgumentException("every vigil.notify.routes entry needs a channel");
            }
        }
    }
}
