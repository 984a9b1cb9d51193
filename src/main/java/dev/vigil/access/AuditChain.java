package dev.vigil.access;

/** Checks the audit log's hash chain from its start (or the retention anchor) to its newest row. */
public interface AuditChain {

    /** Streams every row in seq order and stops at the first one that breaks the chain. */
    AuditVerification verify();
}
