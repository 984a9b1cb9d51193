package dev.vigil.access;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    /** Tried and failed: a wrong password, an error from Defender, a bad request. */
    FAILURE,
    /** Refused for lack of a permission, an approval, or by a rate limit. */
    DENIED
}
