package dev.vigil.notify.summary;

import dev.vigil.notify.slack.SlackException;
import dev.vigil.notify.slack.SlackPermanentError;
import dev.vigil.notify.slack.SlackRateLimited;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Sends the daily summary once per cluster. At each firing of {@code vigil.summary.cron} (and on a short
 * poll, to catch up and to retry) every instance calls {@link #runDue}: the first to insert the period's
 * {@code summary_run} row delivers it; a failed delivery stays pending and is retried with exponential
 * backoff by whichever instance polls when it is due, until it is sent or has failed {@code max-attempts}
 * times.
 */
@Component
class SummaryScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SummaryScheduler.class);

    /** Longer than one delivery can take (four Slack calls at the client's timeout, and the report). */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** A firing missed by less than this (every instance down at 08:00, one back at 08:40) is still sent. */
    static final Duration CATCH_UP = Duration.ofHours(1);

    static final Duration POLL = Duration.ofSeconds(30);
    /** Runs one call attempts at most, so a backlog cannot hold the scheduler thread for long. */
    private static final int MAX_PER_CALL = 10;

    private final SummaryRuns runs;
    private final SummaryDelivery delivery;
    private final SummaryProperties properties;
    private final CronExpression cron;
    private final Clock clock;
    private final SimpleAsyncTaskExecutor manualSends = new SimpleAsyncTaskExecutor("summary-send-");

    SummaryScheduler(SummaryRuns runs, SummaryDelivery delivery, SummaryProperties properties) {
        this.runs = runs;
        this.delivery = delivery;
        this.properties = properties;
        this.cron = CronExpression.parse(properties.cron());
        this.clock = Clock.systemUTC();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!Boolean.TRUE.equals(properties.enabled())) {
            log.info("Scheduled summaries are off on this instance (vigil.summary.enabled=false)");
            return;
        }
        Runnable tick = () -> {
            try {
                runDue(clock.instant());
            } catch (RuntimeException e) {
                log.warn("Could not check for due summaries; will try again", e);
            }
        };
        registrar.addCronTask(new CronTask(tick, new CronTrigger(properties.cron(), properties.zone())));
        registrar.addFixedDelayTask(tick, POLL);
    }

    /**
     * Claims the period of the latest cron firing at or before {@code now} (within {@link #CATCH_UP}) when no
     * instance has yet, delivers it if this call got it, then attempts every pending run that is due.
     */
    void runDue(Instant now) {
        if (!delivery.configured()) {
            return;
        }
        Optional<SummaryPeriod> period =
                lastFiring(now).flatMap(firing -> SummaryPeriod.forRun(firing, properties.weekends()));
        if (period.isPresent()) {
            runs.claimScheduled(period.get(), now, now.plus(LEASE)).ifPresent(run -> attempt(run, now));
        }
        for (int i = 0; i < MAX_PER_CALL; i++) {
            Optional<SummaryRun> due = runs.takeDue(now, now.plus(LEASE));
            if (due.isEmpty()) {
                return;
            }
            attempt(due.get(), now);
        }
    }

    /** Records a manual send and starts its first attempt in the background; the row says how it went. */
    SummaryRun sendNow(SummaryPeriod period, String requestedBy) {
        if (!delivery.configured()) {
            throw new SummaryDelivery.NotConfigured();
        }
        Instant now = clock.instant();
        SummaryRun run = runs.createManual(period, requestedBy, now, now.plus(LEASE));
        manualSends.execute(() -> attempt(run, clock.instant()));
        return run;
    }

    Optional<ZonedDateTime> lastFiring(Instant now) {
        ZonedDateTime at = now.minus(CATCH_UP).atZone(properties.zone());
        @Nullable ZonedDateTime last = null;
        for (ZonedDateTime next = cron.next(at);
                next != null && !next.toInstant().isAfter(now);
                next = cron.next(next)) {
            last = next;
        }
        return Optional.ofNullable(last);
    }

    /** One delivery attempt of {@code run}, and what it leaves in the row: sent, due again later, or failed. */
    void attempt(SummaryRun run, Instant now) {
        try {
            delivery.deliver(run, now);
            log.info("Sent the {} summary for {} to {}", run.kind(), run.periodStart(), run.periodEnd());
        } catch (SummaryDelivery.NotConfigured e) {
            runs.failed(run.id(), e.getMessage());
        } catch (SlackPermanentError e) {
            // A refusal (channel_not_found, invalid_auth, ...) is the same on every retry.
            log.warn("Slack refused the summary for {}: {}", run.periodEnd(), e.getMessage());
            runs.failed(run.id(), e.getMessage());
        } catch (SlackRateLimited e) {
            Duration wait = properties.backoff(run.attempts());
            retry(run, e.getMessage(), now, wait.compareTo(e.retryAfter()) < 0 ? e.retryAfter() : wait);
        } catch (RuntimeException e) {
            String error =
                    e instanceof SlackException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            retry(run, error, now, properties.backoff(run.attempts()));
        }
    }

    private void retry(SummaryRun run, @Nullable String error, Instant now, Duration wait) {
        String reason = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        if (run.attempts() >= properties.maxAttempts()) {
            log.warn("Gave up on the summary for {} after {} attempts: {}", run.periodEnd(), run.attempts(), reason);
            runs.failed(run.id(), "gave up after " + run.attempts() + " attempts: " + reason);
        } else {
            log.info(
                    "Summary for {} not sent (attempt {}): {}; next try in {}",
                    run.periodEnd(),
                    run.attempts(),
                    reason,
                    wait);
            runs.retryLater(run.id(), reason, now.plus(wait));
        }
    }
}
