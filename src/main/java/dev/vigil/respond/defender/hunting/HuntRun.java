package dev.vigil.respond.defender.hunting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One scheduled run of a saved query: the window it asked Graph for, what came back, and any error. */
record HuntRun(
        long id,
        Instant startedAt,
        Instant finishedAt,
        Instant windowStart,
        Instant windowEnd,
        int rows,
        int alertsRaised,
        boolean truncated,
        @Nullable String error) {}
