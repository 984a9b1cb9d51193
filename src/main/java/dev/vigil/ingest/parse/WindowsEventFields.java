package dev.vigil.ingest.parse;

import org.jspecify.annotations.Nullable;

/**
 * One Windows event's values by their event-log names: System values ({@code EventID}, {@code Channel},
 * {@code Computer}, ...) and EventData values ({@code Image}, {@code SubjectUserName}, ...) alike.
 */
interface WindowsEventFields {

    /** The value, or {@code null} when it is absent, blank or Windows' placeholder {@code -}. */
    @Nullable
    String get(String name);

    default @Nullable String first(String... names) {
        for (String name : names) {
            String value = get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static @Nullable String clean(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() || trimmed.equals("-") ? null : trimmed;
    }
}
