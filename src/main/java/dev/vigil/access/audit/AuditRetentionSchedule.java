package dev.vigil.access.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Runs audit retention every prune interval in the serving process (command-line tools never prune). Every
 * instance runs it; a PostgreSQL advisory lock lets one prune at a time and the others find nothing left.
 */
@Component
@ConditionalOnWebApplication
class AuditRetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(AuditRetentionSchedule.class);
    private static final Duration FIRST_RUN = Duration.ofMinutes(5);

    private final AuditRetention retention;
    private final AuditProperties properties;
    private @Nullable ScheduledExecutorService timer;

    AuditRetentionSchedule(AuditRetention retention, AuditProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @PostConstruct
    void start() {
        if (properties.keepsForever()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(
                this::pruneQuietly,
                FIRST_RUN.toMillis(),
                properties.pruneInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void pruneQuietly() {
        try {
            retention.prune();
        } catch (RuntimeException e) {
            // The next run tries again; a failed run deletes nothing (each batch is one transaction).
            log.warn("Audit retention failed; it will run again in {}", properties.pruneInterval(), e);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
