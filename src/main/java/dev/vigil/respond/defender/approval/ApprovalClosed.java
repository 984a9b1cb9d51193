package dev.vigil.respond.defender.approval;

/** The approval was already decided, or expired: nothing is run. */
public final class ApprovalClosed extends RuntimeException {

    private final String status;

    public ApprovalClosed(String status) {
        super("this request is no longer pending: it is " + status);
        this.status = status;
    }

    public String status() {
        return status;
    }
}
