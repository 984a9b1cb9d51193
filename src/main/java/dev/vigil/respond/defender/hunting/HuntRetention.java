package dev.vigil.respond.defender.hunting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hunting ledger bounded, from the scheduler's tick: runs ({@code hunting_run}) finished longer ago
 * than {@code vigil.defender.hunting.run-retention} (zero keeps them all), and seen rows ({@code hunting_seen})
 * older than Defender's 30 days of hunting data and a day more (an older row cannot come back). Each delete is
 * one short batch of its own; a tick takes at most {@value #MAX_BATCHES} batches of each, so a large backlog
 * is worked off over several ticks, never in one long transaction.
 */
final class HuntRetention {

    private static final Logger log = LoggerFactory.getLogger(HuntRetention.class);
    static final int BATCH = 500;
    static final int MAX_BATCHES = 10;
    /** How long a seen row is kept: Defender's retention and a day, for windows that reach back to its edge. */
    static final Duration SEEN = ScheduledHunts.RETENTION.plus(Duration.ofDays(1));

    /** What one sweep deleted. */
    record Swept(int runs, int seen) {}

    private final HuntLedger ledger;
    private final Duration runRetention;
    private final Clock clock;

    HuntRetention(HuntLedger ledger, Duration runRetention, Clock clock) {
        this.ledger = ledger;
        this.runRetention = runRetention;
        this.clock = clock;
    }

    Swept sweep() {
        Instant now = clock.instant();
        int runs = runRetention.isZero() ? 0 : batches(() -> ledger.forgetRunsBefore(now.minus(runRetention), BATCH));
        int seen = batches(() -> ledger.forgetSeenBefore(now.minus(SEEN), BATCH));
        if (runs > 0 || seen > 0) {
            log.info(
                    "Deleted {} hunting runs older than {} and {} seen rows older than {}",
                    runs,
                    runRetention,
                    seen,
                    SEEN);
        }
        return new Swept(runs, seen);
    }

    private static int batches(IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES && !Thread.currentThread().isInterrupted(); i++) {
            int deleted = batch.getAsInt();
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }
}
