package dev.vigil.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The first row at which the audit chain breaks, and why, in one line.
 *
 * @param seq the row's seq as stored
 */
public record AuditChainProblem(
        Kind kind, long seq, @Nullable UUID id, @Nullable Instant at, String reason) {

    public enum Kind {
        /** The row's content no longer matches its hash. */
        EDITED,
        /** Rows before this one are missing. */
        DELETED,
        /** The row follows another row of the chain than the one before it. */
        REORDERED,
        /** The row's own hash holds, but it does not follow the row before it (that row re-hashed, or rows replaced). */
        UNLINKED,
        /** The chain ends before a row it was known to hold (an expected head): its newest rows were deleted. */
        TRUNCATED
    }

    /** For a person: "seq 42 (id …, 2026-11-25T10:00:00Z): its content does not match its hash (edited)". */
    public String describe() {
        String where = id == null ? "" : " (id " + id + ", " + at + ")";
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " at seq " + seq + where + ": " + reason;
    }
}
