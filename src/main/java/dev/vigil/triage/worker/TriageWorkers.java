package dev.vigil.triage.worker;

import dev.vigil.alert.AlertsAccepted;
import dev.vigil.alert.Queue;
import dev.vigil.alert.WorkQueue;
import dev.vigil.alert.WorkerHeartbeats;
import dev.vigil.triage.Triage;
import dev.vigil.triage.TriageProperties;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The triage worker threads of this instance. Each takes priority work before standard work. On shutdown
 * a worker finishes the batch it holds (its transaction commits) and stops; a batch cut short by a crash
 * rolls back and waits in the queue for the next worker.
 */
@Component
class TriageWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TriageWorkers.class);

    private final WorkQueue queue;
    private final WorkerHeartbeats heartbeats;
    private final TriageProperties properties;
    private final Triage triage;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private final Object wakeUp = new Object();
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService heartbeatTimer;

    TriageWorkers(WorkQueue queue, WorkerHeartbeats heartbeats, TriageProperties properties, Triage triage) {
        this.queue = queue;
        this.triage = triage;
        this.heartbeats = heartbeats;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Worker worker = new Worker(instance + "/triage-" + i);
            workers.add(worker);
            worker.thread.start();
        }
        heartbeatTimer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "triage-heartbeat"));
        long every = properties.heartbeatInterval().toMillis();
        heartbeatTimer.scheduleAtFixedRate(this::beat, 0, every, TimeUnit.MILLISECONDS);
        log.info("Started {} triage worker(s)", workers.size());
    }

    /**
     * Ingest announces new work so an idle worker need not wait for its next poll. After the commit: a worker
     * woken while the publisher's transaction (a polled page of Defender alerts, say) is still open would find
     * nothing and sleep a whole poll interval; a publisher without a transaction wakes the workers at once.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onAlertsAccepted(AlertsAccepted event) {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void beat() {
        for (Worker worker : workers) {
            try {
                heartbeats.beat(worker.id, instance, worker.processed.get(), worker.startedAt);
            } catch (RuntimeException e) {
                log.warn("Could not record heartbeat of {}: {}", worker.id, e.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (heartbeatTimer != null) {
            heartbeatTimer.shutdownNow();
        }
        for (Worker worker : workers) {
            try {
                heartbeats.remove(worker.id);
            } catch (RuntimeException e) {
                log.debug("could not remove the heartbeat of {}", worker.id, e);
            }
        }
        log.info("Triage workers stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stop after the web server has drained its requests (phase DEFAULT_PHASE - 1024), so that work accepted
     * during shutdown is not left for long; and before the database pool closes.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private final class Worker implements Runnable {
        private final String id;
        private final Thread thread;
        private final AtomicLong processed = new AtomicLong();
        private final Instant startedAt = Instant.now();

        Worker(String id) {
            this.id = id;
            this.thread = new Thread(this, id.substring(id.lastIndexOf('/') + 1));
        }

        @Override
        public void run() {
            while (running && !Thread.currentThread().isInterrupted()) {
                try {
                    int done = queue.process(Queue.PRIORITY, properties.batchSize(), triage::triage);
                    if (done == 0) {
                        done = queue.process(Queue.STANDARD, properties.batchSize(), triage::triage);
                    }
                    processed.addAndGet(done);
                    if (done == 0) {
                        idle();
                    }
                } catch (RuntimeException e) {
                    log.warn("Triage worker {} failed to process a batch: {}", id, e.getMessage());
                    idle();
                }
            }
        }

        /**
         * Waits for new work, then lingers a moment so that alerts arriving together are triaged in one
         * transaction rather than one commit each: under a stream of single-alert posts that halves the
         * commits PostgreSQL has to make durable.
         */
        private void idle() {
            try {
                synchronized (wakeUp) {
                    if (!running) {
                        return;
                    }
                    wakeUp.wait(properties.pollInterval().toMillis());
                }
                if (running && !properties.linger().isZero()) {
                    Thread.sleep(properties.linger().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
