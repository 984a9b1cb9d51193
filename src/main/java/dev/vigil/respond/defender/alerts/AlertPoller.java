package dev.vigil.respond.defender.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread per polled tenant that polls its Defender alerts every {@code vigil.defender.alerts.poll-interval},
 * so a slow or throttled tenant never holds up another. Stopping interrupts a poll in progress: the pages it
 * stored stay, the watermark stays where it was, and the next poll reads those alerts again as unchanged.
 */
final class AlertPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertPoller.class);

    private final DefenderAlertPolling polling;
    private final Duration interval;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    AlertPoller(DefenderAlertPolling polling, Duration interval) {
        this.polling = polling;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (String tenant : polling.polledTenants()) {
            Thread thread = new Thread(() -> loop(tenant), "defender-alert-poller-" + tenant);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        if (!threads.isEmpty()) {
            log.info("Polling Defender alerts of {} tenant(s) every {}", threads.size(), interval);
        }
    }

    private void loop(String tenant) {
        while (running) {
            try {
                polling.pollOnce(tenant);
            } catch (RuntimeException e) {
                // The database away for a moment: the poll records its own failures; the next one tries again.
                log.warn(
                        "Defender alert poll of tenant {} failed: {}",
                        tenant,
                        e.getClass().getSimpleName());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the database pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
