package dev.vigil.access;

/** Checks the audit log's hash chain from its start (or the retention anchor) to its newest row. */
public interface AuditChain {

    /** Streams every row in seq order and stops at the first one that breaks the chain. */
    default AuditVerification verify() {
        return verify(null);
    }

    /**
     * As {@link #verify()}, and the chain must still hold the row {@code expected} names, with that hash: a
     * chain shorter than it had its newest rows deleted ({@link AuditChainProblem.Kind#TRUNCATED}); another
     * hash at that seq means the rows up to it were replaced and re-hashed.
     */
    AuditVerification verify(@org.jspecify.annotations.Nullable AuditHead expected);
}
