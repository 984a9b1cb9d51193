package dev.vigil.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what one request or record may cost: oversized or deeply nested input is refused with a
 * clear error instead of exhausting memory or stack.
 */
@ConfigurationProperties("vigil.ingest")
public record IngestLimits(
        @DefaultValue("10MB") DataSize maxRequestSize,
        @DefaultValue("1MB") DataSize maxAlertSize,
        @DefaultValue("64") int maxJsonDepth) {

    public static IngestLimits defaults() {
        return new IngestLimits(DataSize.ofMegabytes(10), DataSize.ofMegabytes(1), 64);
    }
}
