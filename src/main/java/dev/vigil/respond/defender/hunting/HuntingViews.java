package dev.vigil.respond.defender.hunting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The hunting API's request and answer bodies. */
final class HuntingViews {

    private HuntingViews() {}

    /** {@code POST …/hunting/run}: KQL, an optional timespan (Graph's default is 30 days) and row cap. */
    record RunRequest(
            @Nullable String query,
            @Nullable String timespan,
            @Nullable Integer maxRows) {}

    /** {@code POST …/hunting/queries/{name}/run}: the saved timespan unless this one is given. */
    record SavedRunRequest(
            @Nullable String timespan, @Nullable Integer maxRows) {}

    record ScheduleView(String interval, String severity, boolean enabled) {}

    record SavedQueryView(
            String name,
            @Nullable String description,
            String query,
            @Nullable String timespan,
            @Nullable ScheduleView schedule,
            String createdBy,
            Instant createdAt,
            String updatedBy,
            Instant updatedAt,
            @Nullable Instant nextRunAt,
            @Nullable Instant coveredUntil) {

        static SavedQueryView of(SavedQuery q) {
            Schedule s = q.schedule();
            return new SavedQueryView(
                    q.name(),
                    q.description(),
                    q.query(),
                    q.timespan(),
                    s == null
                            ? null
                            : new ScheduleView(
                                    s.interval().toString(), s.severity().name(), s.enabled()),
                    q.createdBy(),
                    q.createdAt(),
                    q.updatedBy(),
                    q.updatedAt(),
                    q.nextRunAt(),
                    q.coveredUntil());
        }
    }

    record RunView(
            Instant time,
            Instant finishedAt,
            Instant windowStart,
            Instant windowEnd,
            int rows,
            int alertsRaised,
            boolean truncated,
            @Nullable String error) {

        static RunView of(HuntRun run) {
            return new RunView(
                    run.startedAt(),
                    run.finishedAt(),
                    run.windowStart(),
                    run.windowEnd(),
                    run.rows(),
                    run.alertsRaised(),
                    run.truncated(),
                    run.error());
        }
    }
}
