package dev.vigil.respond.defender.hunting;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A hunting query kept in a tenant's library under a name, with an optional schedule. {@code nextRunAt} is
 * when its schedule next makes it due; {@code coveredUntil} is the end of the window its last successful
 * scheduled run covered.
 */
record SavedQuery(
        String tenant,
        String name,
        @Nullable String description,
        String query,
        @Nullable String timespan,
        @Nullable Schedule schedule,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt,
        @Nullable Instant nextRunAt,
        @Nullable Instant coveredUntil) {

    /** Names appear in URLs and alert titles: a slug, like tenant names. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    static final int MAX_DESCRIPTION = 1_000;

    /** The name, if it is a slug; @throws InvalidHunt otherwise (before it reaches SQL or a log). */
    static String checkName(@Nullable String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidHunt(
                    "name", "lower-case letters, digits and '-', starting with a letter or digit, at most 63");
        }
        return name;
    }

    boolean scheduled() {
        return schedule != null && schedule.enabled();
    }
}
