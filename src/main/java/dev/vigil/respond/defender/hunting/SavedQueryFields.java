package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** A saved query's fields as a caller may set them, checked. */
record SavedQueryFields(
        String tenant,
        String name,
        @Nullable String description,
        String query,
        @Nullable String timespan,
        @Nullable Schedule schedule) {

    /** Checks what a caller sent for the query {@code name}; @throws InvalidHunt naming the first bad field. */
    static SavedQueryFields from(String tenant, @Nullable String name, SavedQueryInput input) {
        String description = input.description() == null || input.description().isBlank()
                ? null
                : input.description().strip();
        if (description != null && description.length() > SavedQuery.MAX_DESCRIPTION) {
            throw new InvalidHunt("description", "at most " + SavedQuery.MAX_DESCRIPTION + " characters");
        }
        return new SavedQueryFields(
                tenant,
                SavedQuery.checkName(name),
                description,
                Hunting.checkQuery(input.query()),
                Timespans.check(input.timespan()),
                schedule(input.schedule()));
    }

    private static @Nullable Schedule schedule(SavedQueryInput.@Nullable ScheduleInput input) {
        if (input == null) {
            return null;
        }
        if (input.interval() == null || input.interval().isBlank()) {
            throw new InvalidHunt("schedule.interval", "required (an ISO-8601 duration such as PT1H)");
        }
        Duration interval;
        try {
            interval = Duration.parse(input.interval().strip());
        } catch (DateTimeParseException e) {
            throw new InvalidHunt("schedule.interval", "an ISO-8601 duration such as PT15M or PT1H");
        }
        Severity severity = Severity.MEDIUM;
        if (input.severity() != null) {
            severity = Severity.fromName(input.severity())
                    .orElseThrow(() -> new InvalidHunt("schedule.severity", "INFO, LOW, MEDIUM, HIGH or CRITICAL"));
        }
        return new Schedule(interval, severity, input.enabled() == null || input.enabled());
    }
}
