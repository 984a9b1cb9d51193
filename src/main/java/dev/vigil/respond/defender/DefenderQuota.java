package dev.vigil.respond.defender;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Defender's documented call quotas (external-apis §2.9), each counted per tenant. Vigil keeps a little under
 * them on its side, so a busy run waits briefly instead of collecting 429s.
 */
public enum DefenderQuota {
    /** Machines, alerts, indicators, machine-action list/get: 100 a minute and 1,500 an hour. */
    GENERAL(100, 1_500),
    /** Device response actions (isolate, scan, ...): 100 a minute and 1,500 an hour. */
    MACHINE_ACTIONS(100, 1_500),
    /** {@code /api/indicators/import}: 30 a minute (external-apis §2.6). */
    INDICATOR_IMPORT(30, 0),
    /** {@code runliveresponse}: 10 a minute. */
    LIVE_RESPONSE(10, 0),
    /** {@code GetPackageUri}: 2 a minute and 120 an hour. */
    PACKAGE_URI(2, 120),
    /** Graph {@code /security} incidents, alerts_v2 and detection rules: 150 a minute (external-apis §3.1). */
    GRAPH_SECURITY(150, 0),
    /** Graph {@code runHuntingQuery}: 45 a minute and 1,500 an hour (external-apis §2.8, §3.4). */
    HUNTING(45, 1_500);

    private final int perMinute;
    private final int perHour;

    DefenderQuota(int perMinute, int perHour) {
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    /** A fresh bucket holding this quota: full, so a start is not slowed. */
    Bucket newBucket() {
        var builder =
                Bucket.builder().addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)));
        if (perHour > 0) {
            builder.addLimit(l -> l.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)));
        }
        return builder.build();
    }
}
