package dev.vigil.respond.defender.hunting;

import org.jspecify.annotations.Nullable;

/** A saved query as a caller sends it (create and replace); {@code reason} goes to the audit log. */
record SavedQueryInput(
        @Nullable String name,
        @Nullable String description,
        @Nullable String query,
        @Nullable String timespan,
        @Nullable ScheduleInput schedule,
        @Nullable String reason) {

    /** {@code interval} is an ISO-8601 duration (PT5M to P1D); severity defaults to MEDIUM, enabled to true. */
    record ScheduleInput(
            @Nullable String interval,
            @Nullable String severity,
            @Nullable Boolean enabled) {}
}
