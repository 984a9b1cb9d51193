package dev.vigil.triage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How triage work is done.
 *
 * @param workers worker threads in this instance; 0 for an instance that only ingests
 * @param batchSize alerts taken from a queue in one transaction
 * @param pollInterval how long an idle worker waits before looking at the queues again
 * @param heartbeatInterval how often each worker reports that it is alive
 * @param linger how long a worker woken by new work waits for more before taking it, so that alerts
 *     arriving together share one transaction
 */
@ConfigurationProperties("vigil.triage")
public record TriageProperties(
        @DefaultValue("2") int workers,
        @DefaultValue("100") int batchSize,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("25ms") Duration linger) {

    public TriageProperties {
        if (workers < 0 || batchSize < 1) {
            throw new IllegalArgumentException("vigil.triage.workers must be >= 0 and batch-size >= 1");
        }
    }
}
