package dev.vigil.respond.defender.hunting;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread that, every {@code vigil.defender.hunting.tick}, runs the saved queries whose schedule makes
 * them due. Any number of Vigil instances may run it: each due query is claimed in the database, so one
 * instance runs it per period. Off when no tenant is configured or {@code scheduler-enabled} is false.
 */
final class HuntScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HuntScheduler.class);

    /** Queries one tick runs at most; the rest wait for the next tick rather than hold the thread. */
    static final int PER_TICK = 20;

    private final ScheduledHunts hunts;
    private final Duration tick;
    private final boolean enabled;
    private volatile boolean running;
    private Thread thread;

    HuntScheduler(ScheduledHunts hunts, Duration tick, boolean enabled) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("vigil.defender.hunting.tick must be positive");
        }
        this.hunts = hunts;
        this.tick = tick;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!enabled) {
            return;
        }
        thread = new Thread(this::loop, "defender-hunting-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                hunts.runDue(PER_TICK);
            } catch (RuntimeException e) {
                // The database away for a moment: the watermark is intact and the next tick tries again.
                log.warn("Scheduled hunting round failed: {}", e.toString());
            }
            try {
                Thread.sleep(tick.toMillis());
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

    /** Stops before the database pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
