package dev.vigil.respond.defender.live;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes ended live-response sessions older than {@code vigil.defender.live-response.retention}, with their
 * commands, script output and file bytes ({@code on delete cascade}). Open sessions are never deleted. Run from
 * the poller: at most once an hour per instance, one bounded batch each time, so that a large backlog never holds
 * a long transaction; while batches come back full the next round takes the next one.
 */
final class SessionRetention {

    private static final Logger log = LoggerFactory.getLogger(SessionRetention.class);
    static final int BATCH = 500;
    static final Duration EVERY = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Duration keep;
    private final Clock clock;
    private @Nullable Instant nextSweep;

    SessionRetention(JdbcTemplate jdbc, Duration keep, Clock clock) {
        this.jdbc = jdbc;
        this.keep = keep;
        this.clock = clock;
    }

    /** Sweeps once when due; a zero retention keeps everything. */
    synchronized void sweepIfDue() {
        Instant now = clock.instant();
        if (keep.isZero() || nextSweep != null && now.isBefore(nextSweep)) {
            return;
        }
        int deleted = sweep();
        // A full batch means more are waiting: the next round goes on with them rather than an hour later.
        nextSweep = deleted == BATCH ? now : now.plus(EVERY);
    }

    /** Deletes one batch of the oldest sessions ended before the retention; how many were deleted. */
    int sweep() {
        if (keep.isZero()) {
            return 0;
        }
        // Rows another instance is deleting at this moment are skipped, never waited for.
        int deleted = jdbc.update(
                "delete from live_response_session where id in (select id from live_response_session"
                        + " where ended_at < ? order by ended_at limit ? for update skip locked)",
                Timestamp.from(clock.instant().minus(keep)),
                BATCH);
        if (deleted > 0) {
            log.info("Deleted {} live-response sessions ended more than {} ago", deleted, keep);
        }
        return deleted;
    }
}
