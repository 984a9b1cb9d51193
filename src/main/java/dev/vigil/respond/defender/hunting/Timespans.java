package dev.vigil.respond.defender.hunting;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Timespan} forms runHuntingQuery takes (external-apis §3.4): a duration ({@code P30D}), a start
 * time, or two of them joined by {@code /} (start/end, duration/end, start/duration). Checked here so a typo
 * is the caller's 400 with a clear word, not Graph's.
 */
final class Timespans {

    static final int MAX_LENGTH = 100;

    private Timespans() {}

    /** The timespan stripped, or null for none; @throws InvalidHunt when it is none of the documented forms. */
    static @Nullable String check(@Nullable String timespan) {
        if (timespan == null || timespan.isBlank()) {
            return null;
        }
        String value = timespan.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidHunt("timespan", "at most " + MAX_LENGTH + " characters");
        }
        String[] parts = value.split("/", -1);
        boolean ok = parts.length == 1
                ? isDuration(parts[0]) || isTime(parts[0])
                : parts.length == 2
                        && (isTime(parts[0]) || isDuration(parts[0]))
                        && (isTime(parts[1]) || isDuration(parts[1]))
                        && !(isDuration(parts[0]) && isDuration(parts[1]));
        if (!ok) {
            throw new InvalidHunt(
                    "timespan",
                    "an ISO-8601 duration (P30D), a start time, or start/end, duration/end or start/duration");
        }
        return value;
    }

    /** The window from {@code start} to {@code end}, in the start/end form. */
    static String between(Instant start, Instant end) {
        return start + "/" + end;
    }

    private static boolean isDuration(String text) {
        if (!text.startsWith("P")) {
            return false;
        }
        try {
            return !Duration.parse(text).isNegative();
        } catch (DateTimeParseException e) {
            try {
                return !Period.parse(text).isNegative();
            } catch (DateTimeParseException again) {
                return false;
            }
        }
    }

    private static boolean isTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
