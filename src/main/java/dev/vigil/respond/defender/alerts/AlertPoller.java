package dev.vigil.respond.defender.alerts;

import dev.vigil.respond.defender.PollingThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One {@link PollingThread} per polled tenant that polls its Defender alerts every {@code
 * vigil.defender.alerts.poll-interval}, so a slow or throttled tenant never holds up another. Stopping
 * interrupts a poll in progress: the pages it stored stay, the watermark stays where it was, and the next poll
 * reads those alerts again as unchanged.
 */
final class AlertPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertPoller.class);

    private final DefenderAlertPolling polling;
    private final Duration interval;
    private final List<PollingThread> threads = new ArrayList<>();
    private volatile boolean running;

    AlertPoller(DefenderAlertPolling polling, Duration interval) {
        this.polling = polling;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (String tenant : polling.polledTenants()) {
            PollingThread thread = new PollingThread(
                    "defender-alert-poller-" + tenant, interval, true, () -> polling.pollOnce(tenant));
            threads.add(thread);
            thread.start();
        }
        if (!threads.isEmpty()) {
            log.info("Polling Defender alerts of {} tenant(s) every {}", threads.size(), interval);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(PollingThread::stop);
        threads.clear();
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
