package dev.vigil.access;

import org.jspecify.annotations.Nullable;

/**
 * What a check of the audit chain found.
 *
 * @param rowsChecked rows that verified before the problem (all of them when intact)
 * @param startSeq the first seq checked: 1, or the row after the retention anchor
 * @param problem the first row that breaks the chain, or null when the chain is intact
 * @param head the newest row verified (null when no row was), to keep outside the database for a later
 *     {@code --expect-head} check
 * @param expectedHeadPruned an expected head was given, but retention has deleted its row and no anchor marks
 *     it, so it could not be checked
 */
public record AuditVerification(
        long rowsChecked,
        long startSeq,
        @Nullable AuditChainProblem problem,
        @Nullable AuditHead head,
        boolean expectedHeadPruned) {

    public AuditVerification(
            long rowsChecked, long startSeq, @Nullable AuditChainProblem problem, @Nullable AuditHead head) {
        this(rowsChecked, startSeq, problem, head, false);
    }

    public boolean intact() {
        return problem == null;
    }
}
