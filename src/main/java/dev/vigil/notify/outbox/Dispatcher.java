package dev.vigil.notify.outbox;

import dev.vigil.notify.slack.SlackPermanentError;
import dev.vigil.notify.slack.SlackRateLimited;
import dev.vigil.notify.slack.SlackTransientError;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the outbox to Slack: one thread takes the first waiting message of each channel (within its pace)
 * and hands it to a sender; a channel has at most one message in flight, so its messages arrive in order.
 * Rate limits wait as long as Slack says, transient failures back off exponentially with jitter, permanent
 * refusals become dead letters at once. Every instance runs one; leases keep them from sending a message twice.
 */
final class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** How soon to look again when a channel's pace held a message back. */
    private static final Duration PACED_RETRY = Duration.ofMillis(100);

    /** How long a stop waits for posts under way; longer than a call's timeout by default. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private final JdbcOutbox outbox;
    private final Sender sender;
    private final DispatchSignal signal;
    private final NotifyProperties properties;
    private final SlackReachability reachability;
    private final Backoff backoff;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final boolean enabled;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;

    Dispatcher(
            JdbcOutbox outbox,
            Sender sender,
            DispatchSignal signal,
            NotifyProperties properties,
            SlackReachability reachability,
            boolean enabled) {
        this.enabled = enabled;
        this.outbox = outbox;
        this.sender = sender;
        this.signal = signal;
        this.properties = properties;
        this.reachability = reachability;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetryWait());
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            // No bot token and no webhook (nothing is recorded), or a command-line run: nothing to send.
            return;
        }
        senders = Executors.newFixedThreadPool(properties.senders(), r -> new Thread(r, "slack-sender"));
        loop = new Thread(this::run, "slack-dispatcher");
        loop.start();
        log.info("Slack dispatcher started");
    }

    private void run() {
        while (running) {
            Duration wait = properties.pollInterval();
            try {
                int free = properties.senders() - busy.size();
                if (free > 0) {
                    JdbcOutbox.Claims claims = outbox.claim(owner, Set.copyOf(busy), free);
                    for (Claim claim : claims.taken()) {
                        busy.add(claim.channel());
                        senders.execute(() -> deliver(claim));
                    }
                    if (claims.heldBack()) {
                        wait = PACED_RETRY;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Slack dispatcher could not read the outbox: {}", e.getMessage());
            }
            try {
                signal.await(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(Claim claim) {
        try {
            Sender.Delivered delivered = sender.send(claim);
            outbox.sent(claim, delivered.ts(), delivered.countShown());
            reachability.answered();
        } catch (SlackRateLimited e) {
            reachability.answered();
            log.info("Slack rate limit on channel {}: waiting {}", claim.channel(), e.retryAfter());
            outbox.rateLimited(claim, e.retryAfter(), e.getMessage());
        } catch (SlackTransientError e) {
            reachability.failed(e.getMessage());
            if (claim.attempts() + 1 >= properties.maxAttempts()) {
                outbox.dead(claim, "gave up after " + (claim.attempts() + 1) + " tries: " + e.getMessage());
            } else {
                Duration wait = backoff.after(claim.attempts() + 1);
                log.info("Notification {} not sent ({}); next try in {}", claim.id(), e.getMessage(), wait);
                outbox.retryLater(claim, wait, e.getMessage(), e.outcomeUnknown());
            }
        } catch (SlackPermanentError e) {
            reachability.answered();
            log.warn("Notification {} refused by Slack: {}; kept as a dead letter", claim.id(), e.reason());
            outbox.dead(claim, e.reason());
        } catch (Sender.Undeliverable e) {
            log.warn("Notification {} cannot be sent: {}; kept as a dead letter", claim.id(), e.getMessage());
            outbox.dead(claim, e.getMessage());
        } catch (RuntimeException e) {
            // Our own fault (the database, most likely): the lease runs out and the message is taken again.
            log.warn("Notification {}: could not record the outcome: {}", claim.id(), e.toString());
        } finally {
            busy.remove(claim.channel());
            signal.wake();
        }
    }

    @Override
    public void stop() {
        running = false;
        signal.wake();
        try {
            if (loop != null) {
                loop.join(5_000);
            }
            if (senders != null) {
                senders.shutdown();
                // A message being posted finishes and its outcome is recorded; the rest stays in the outbox.
                senders.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Slack dispatcher stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the triage workers, before the database pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
