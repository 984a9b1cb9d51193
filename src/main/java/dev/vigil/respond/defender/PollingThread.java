package dev.vigil.respond.defender;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One daemon thread that runs a round, sleeps the interval, and repeats until the application stops: the
 * shape of every Defender poller (actions, live-response sessions, scheduled hunts). A failed round (the
 * database away for a moment) is logged and the next round tries again. None runs while no tenant is
 * configured. It stops before the database pool closes.
 */
public final class PollingThread implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingThread.class);

    private final String name;
    private final Duration interval;
    private final boolean enabled;
    private final Runnable round;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name, also in the log line of a failed round
     * @param interval the pause after each round; must be positive
     * @param enabled false: nothing runs (no tenant configured, or switched off)
     * @param round one round of work; it should stop early when its thread is interrupted
     */
    public PollingThread(String name, Duration interval, boolean enabled, Runnable round) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive");
        }
        this.name = name;
        this.interval = interval;
        this.enabled = enabled;
        this.round = round;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!enabled) {
            return;
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                round.run();
            } catch (RuntimeException e) {
                log.warn("{}: round failed: {}", name, e.toString());
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
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
