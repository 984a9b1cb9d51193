package dev.vigil.access.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the audit log's read side. Each given filter must hold; {@code targetPrefix} matches targets
 * that start with it (a path and everything under it).
 *
 * @param beforeSeq the cursor: only rows older than this seq (pages run newest first)
 */
record AuditSearch(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String outcome,
        @Nullable String targetPrefix,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable Long beforeSeq,
        int limit) {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 100;

    AuditSearch {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
