package dev.vigil.alert;

import org.jspecify.annotations.Nullable;

/** Small text rules shared by the value objects of this package. */
final class Text {

    private Text() {}

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
