package dev.vigil.alert;

import java.util.Locale;
import java.util.Optional;

/** Normalised severity shared by every source; each parser maps its native scale onto it. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Reads a severity name case-insensitively, accepting the common synonyms sensors use. */
    public static Optional<Severity> fromName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "info", "informational", "information", "unknown" -> Optional.of(INFO);
            case "low" -> Optional.of(LOW);
            case "medium", "moderate" -> Optional.of(MEDIUM);
            case "high" -> Optional.of(HIGH);
            case "critical", "severe" -> Optional.of(CRITICAL);
            default -> Optional.empty();
        };
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
