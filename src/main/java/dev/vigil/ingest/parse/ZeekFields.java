package dev.vigil.ingest.parse;

import org.jspecify.annotations.Nullable;

/** One Zeek log record's fields by their Zeek name ({@code id.orig_h}), whichever way the log was written. */
interface ZeekFields {

    /** The field's value, or {@code null} when it is absent, unset ({@code -}) or empty. */
    @Nullable
    String text(String name);

    default @Nullable Integer integer(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    default boolean has(String name) {
        return text(name) != null;
    }
}
