package dev.vigil.access;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened, to be written to the audit log: who (a user or key, e.g. {@code user:alice} or
 * {@code key:7f0c…}), what ({@code alert.update}, {@code login.failed}, {@code defender.isolate}), on which
 * target, with what outcome, from where. Details are short strings (never secrets): a reason, a request id.
 */
public record AuditEntry(
        String actor,
        String action,
        @Nullable String target,
        AuditOutcome outcome,
        @Nullable String ip,
        @Nullable String userAgent,
        Map<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = Map.copyOf(details);
    }

    /** An entry with no request behind it (the CLI, a scheduled job). */
    public static AuditEntry of(String actor, String action, @Nullable String target, AuditOutcome outcome) {
        return new AuditEntry(actor, action, target, outcome, null, null, Map.of());
    }

    public AuditEntry withDetails(Map<String, String> more) {
        var merged = new java.util.LinkedHashMap<>(details);
        merged.putAll(more);
        return new AuditEntry(actor, action, target, outcome, ip, userAgent, merged);
    }
}
