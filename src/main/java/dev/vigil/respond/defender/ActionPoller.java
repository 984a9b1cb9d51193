package dev.vigil.respond.defender;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread that asks Defender, every {@code vigil.defender.actions.poll-interval}, for the status of the
 * actions Vigil started and has not yet seen end. Reads count against the general quota shared with the rest
 * of Defender's reads, so a round asks for at most {@code vigil.defender.actions.poll-batch} actions.
 */
final class ActionPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActionPoller.class);

    private final DeviceResponse response;
    private final Duration interval;
    private final int batch;
    private final Duration forgetAfter;
    private volatile boolean running;
    private Thread thread;

    ActionPoller(DeviceResponse response, Duration interval, int batch, Duration forgetAfter, boolean enabled) {
        this.forgetAfter = forgetAfter;
        this.enabled = enabled;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("vigil.defender.actions.poll-interval must be positive");
        }
        this.response = response;
        this.interval = interval;
        this.batch = batch;
    }

    private final boolean enabled;

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            // No tenant configured: no action can exist, and nothing need ask the database every few seconds.
            return;
        }
        thread = new Thread(this::loop, "defender-action-poller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                // An action polled by any instance within the interval waits for the next round.
                response.pollOnce(batch, interval, forgetAfter);
            } catch (RuntimeException e) {
                // The database away for a moment: the next round tries again.
                log.warn("Defender action poll round failed: {}", e.toString());
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
