package dev.vigil.access;

/**
 * The append-only, hash-chained audit log. Writers call {@link #record}; the entry is durable when it
 * returns. Joining the caller's transaction, when there is one, keeps the log and the change in step.
 */
public interface AuditLog {

    void record(AuditEntry entry);
}
