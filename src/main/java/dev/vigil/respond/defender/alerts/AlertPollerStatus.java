package dev.vigil.respond.defender.alerts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where polling of a tenant's Defender alerts stands, for the status endpoint.
 *
 * @param polled whether this deployment polls the tenant (enabled and not excluded)
 * @param lastPolledAt when the last poll ended, well or not; null before the first
 * @param watermark the latest {@code lastUpdateDateTime} the last complete poll stored, no later than its start
 *     (ISO-8601); the next poll asks from it less the overlap; null before the first poll
 * @param idsAtWatermark how many alerts updated at exactly the watermark are stored
 * @param lastError why the last poll failed; null when it succeeded
 * @param imported alerts new to Vigil so far
 * @param revised newer versions of alerts Vigil had, applied so far
 * @param rejected alerts the parser refused and items without id or readable time skipped so far
 */
public record AlertPollerStatus(
        String tenant,
        boolean polled,
        @Nullable Instant lastPolledAt,
        @Nullable String watermark,
        int idsAtWatermark,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt,
        long imported,
        long revised,
        long rejected) {}
