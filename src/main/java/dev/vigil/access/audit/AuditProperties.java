package dev.vigil.access.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit log keeps its rows.
 *
 * @param retention rows older than this are deleted by the daily retention job; 0 keeps them forever
 * @param pruneInterval how often the retention job runs (on one instance of the cluster at a time)
 */
@ConfigurationProperties("vigil.audit")
public record AuditProperties(
        @DefaultValue("365d") Duration retention,
        @DefaultValue("1d") Duration pruneInterval) {

    public AuditProperties {
        if (retention.isNegative() || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException(
                    "vigil.audit.retention must be >= 0 (0 keeps rows forever) and prune-interval > 0");
        }
    }

    boolean keepsForever() {
        return retention.isZero();
    }
}
