package dev.vigil.access.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code audit_log} exactly as stored. Columns are kept as the raw strings PostgreSQL returns
 * (the outcome too), so that verification hashes what is really there, even a value no writer would write.
 */
record AuditRow(
        long seq,
        UUID id,
        Instant at,
        String actor,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String ip,
        @Nullable String userAgent,
        Map<String, String> details,
        byte[] prevHash,
        byte[] hash) {

    AuditRow {
        details = Map.copyOf(details);
    }

    /** The same content with its hash computed over it and {@code prevHash}. */
    AuditRow sealed() {
        return new AuditRow(
                seq, id, at, actor, action, target, outcome, ip, userAgent, details, prevHash, ChainHash.of(this));
    }
}
