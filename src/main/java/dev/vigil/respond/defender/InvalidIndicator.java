package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/** An indicator (or the request carrying it) Vigil will not send: the field, and for a bulk import its index. */
public final class InvalidIndicator extends IllegalArgumentException {

    private final String field;
    private final @Nullable Integer index;
    private final String reason;

    public InvalidIndicator(String field, String message) {
        this(field, null, message);
    }

    InvalidIndicator(String field, @Nullable Integer index, String message) {
        super((index == null ? "" : "indicators[" + index + "].") + field + ": " + message);
        this.field = field;
        this.index = index;
        this.reason = message;
    }

    /** The same problem, located at position {@code index} of a bulk import. */
    InvalidIndicator at(int index) {
        return new InvalidIndicator(field, index, reason);
    }

    public String field() {
        return field;
    }

    public @Nullable Integer index() {
        return index;
    }
}
