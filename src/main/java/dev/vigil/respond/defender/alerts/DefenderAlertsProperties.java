package dev.vigil.respond.defender.alerts;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Polling of Defender alerts (Graph {@code alerts_v2}) into Vigil, per configured tenant.
 *
 * @param pollEnabled whether this deployment polls at all: off by default, since a deployment that receives the
 *     same alerts by a push (Splunk, a webhook) would otherwise see them twice
 * @param pollInterval the pause between two polls of a tenant
 * @param pageSize {@code $top} of each page asked for
 * @param initialLookback how far back the first poll of a tenant starts
 * @param overlap how far before the watermark each poll asks from: alerts Graph lists late (updated while a poll
 *     paged, or visible only after a delay) are read on the next poll; it must exceed the clock difference
 *     between Graph and Vigil. Alerts read again are versions Vigil has and change nothing.
 * @param excludeTenants configured tenants whose alerts are not polled
 */
@ConfigurationProperties("vigil.defender.alerts")
public record DefenderAlertsProperties(
        @DefaultValue("false") boolean pollEnabled,
        @DefaultValue("1m") Duration pollInterval,
        @DefaultValue("100") int pageSize,
        @DefaultValue("1h") Duration initialLookback,
        @DefaultValue("2m") Duration overlap,
        @DefaultValue Set<String> excludeTenants) {

    public DefenderAlertsProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("vigil.defender.alerts.poll-interval must be positive");
        }
        if (pageSize < 1 || pageSize > 1_000) {
            throw new IllegalArgumentException("vigil.defender.alerts.page-size must be between 1 and 1000");
        }
        if (initialLookback.isNegative()) {
            throw new IllegalArgumentException("vigil.defender.alerts.initial-lookback must not be negative");
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("vigil.defender.alerts.overlap must not be negative");
        }
        excludeTenants = Set.copyOf(excludeTenants);
    }
}
