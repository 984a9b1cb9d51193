package dev.vigil.respond.defender.slack;

import dev.vigil.respond.defender.approval.ApprovalExecuted;
import org.springframework.context.event.EventListener;

/**
 * An isolation clicked in Slack and held for approval runs later, started by the approver: its action takes
 * over the click's origin, so that its end is announced in the alert message's thread like any other.
 */
final class ApprovedFromSlack {

    private final SlackActionOrigins origins;

    ApprovedFromSlack(SlackActionOrigins origins) {
        this.origins = origins;
    }

    /** Synchronous, in the approver's thread: done before the action poller first asks about the action. */
    @EventListener
    void on(ApprovalExecuted executed) {
        String actionId = executed.result().path("action").path("id").asString("");
        if (!actionId.isBlank()) {
            origins.heldBecame(executed.approvalId(), actionId);
        }
    }
}
