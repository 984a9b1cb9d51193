package dev.vigil.respond.defender.live;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread that asks Defender, every {@code vigil.defender.live-response.poll-interval}, about the open
 * live-response sessions and keeps the results of those that ended. None while no tenant is configured.
 */
final class LiveResponsePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveResponsePoller.class);

    private final LiveResponse response;
    private final Duration interval;
    private final int batch;
    private final boolean enabled;
    private volatile boolean running;
    private Thread thread;

    LiveResponsePoller(LiveResponse response, Duration interval, int batch, boolean enabled) {
        this.response = response;
        this.interval = interval;
        this.batch = batch;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        thread = new Thread(this::loop, "defender-live-response-poller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                response.pollOnce(batch);
            } catch (RuntimeException e) {
                // The database away for a moment: the next round tries again.
                log.warn("Live-response poll round failed: {}", e.toString());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
