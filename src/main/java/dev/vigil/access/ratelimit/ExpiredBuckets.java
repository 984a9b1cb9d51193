package dev.vigil.access.ratelimit;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes buckets that have been full for a while, so one row per client IP ever seen does not pile up.
 * Safe on every instance at once: Bucket4j skips rows another transaction holds.
 */
public final class ExpiredBuckets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiredBuckets.class);
    private static final int BATCH = 1000;

    private final ScheduledExecutorService scheduler;

    public ExpiredBuckets(ExpiredEntriesCleaner cleaner, Duration every) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rate-limit-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> removeAll(cleaner), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void removeAll(ExpiredEntriesCleaner cleaner) {
        try {
            while (cleaner.removeExpired(BATCH) == BATCH) {
                // more to remove
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove expired rate-limit buckets: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
