package dev.vigil.respond.defender.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Live response, {@code vigil.defender.live-response.*}.
 *
 * @param maxConcurrent sessions open at once per tenant (Defender allows 25); beyond it a start is refused (429)
 * @param perMinute sessions started per minute per tenant (Defender allows 10); beyond it a start is refused (429)
 * @param maxDownload largest command result kept; a larger one is recorded as not kept
 * @param downloadTimeout how long one whole result download, body included, may take
 * @param pollInterval pause between rounds asking Defender about open sessions; also how long a session polled
 *     by any instance is left before another round claims it
 * @param pollBatch most sessions asked about in one round
 * @param retention how long an ended session, with its kept results and files, is kept; zero keeps everything
 */
@ConfigurationProperties("vigil.defender.live-response")
public record LiveResponseProperties(
        @DefaultValue("25") int maxConcurrent,
        @DefaultValue("10") int perMinute,
        @DefaultValue("50MB") DataSize maxDownload,
        @DefaultValue("2m") Duration downloadTimeout,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int pollBatch,
        @DefaultValue("90d") Duration retention) {

    public LiveResponseProperties {
        if (maxConcurrent < 1 || maxConcurrent > 25) {
            throw new IllegalArgumentException(
                    "vigil.defender.live-response.max-concurrent must be between 1 and 25 (Defender's limit)");
        }
        if (perMinute < 1 || perMinute > 10) {
            throw new IllegalArgumentException(
                    "vigil.defender.live-response.per-minute must be between 1 and 10 (Defender's limit)");
        }
        if (maxDownload.toBytes() < 1 || maxDownload.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("vigil.defender.live-response.max-download must be 1 byte to 2GB");
        }
        if (downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("vigil.defender.live-response.download-timeout must be positive");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("vigil.defender.live-response.poll-interval must be positive");
        }
        if (pollBatch < 1) {
            throw new IllegalArgumentException("vigil.defender.live-response.poll-batch must be positive");
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException(
                    "vigil.defender.live-response.retention must not be negative (0 keeps everything)");
        }
    }
}
