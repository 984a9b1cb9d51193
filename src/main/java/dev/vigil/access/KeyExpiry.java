package dev.vigil.access;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How people write a key's expiry: {@code 90d} (days from now) or {@code 2027-01-31} (through that day, UTC). */
public final class KeyExpiry {

    private KeyExpiry() {}

    public static Instant parse(String text, Instant now) {
        String trimmed = text.strip();
        try {
            if (trimmed.matches("[0-9]{1,5}d")) {
                return now.plus(Duration.ofDays(Long.parseLong(trimmed.substring(0, trimmed.length() - 1))));
            }
            if (trimmed.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(trimmed)
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "an expiry is a number of days (90d), a date (2027-01-31) or an instant (2027-01-31T12:00:00Z)");
        }
    }
}
