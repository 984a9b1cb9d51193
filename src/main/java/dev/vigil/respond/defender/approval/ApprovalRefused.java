package dev.vigil.respond.defender.approval;

/** An approval or rejection that may not be given: by the requester, without the permission, or by no person. */
public final class ApprovalRefused extends RuntimeException {

    public ApprovalRefused(String message) {
        super(message);
    }
}
