package dev.vigil.ingest.parse;

import org.jspecify.annotations.Nullable;

/** One Zeek log record's fields by their Zeek name ({@code id.orig_h}), whichever way the log was written. */
interface ZeekFields {

    /** The field's value, or {@code null} when it is absent, unset ({@code -}) or empty. */
    @Nullable
    String text(String name);

    default @Nullable Integer integer(String name) {
        return Fields.integer(text(name));
    }

    default boolean has(String name) {
        return text(name) != null;
    }
}
