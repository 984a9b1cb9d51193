package dev.vigil.respond.defender.approval;

import dev.vigil.access.Permission;
import tools.jackson.databind.JsonNode;

/**
 * A destructive Defender operation that may be held for a second person's approval: it can say what it would
 * affect before anything happens, and run later exactly as it was asked. Implemented beside each operation.
 */
public interface GatedOperation {

    /** The name used in {@code vigil.defender.approvals.required} and in the API: {@code isolate}, …. */
    String name();

    /** What the requester needed, and so what an approver needs too. */
    Permission permission();

    /** What the request would affect, read from Defender now; nothing is changed. */
    JsonNode preview(String tenant, JsonNode request, String requestId);

    /**
     * Runs the request. {@code requestedBy} is who asked (the change is theirs); the approver is in the audit.
     *
     * @return the operation's answer, as its endpoint would have returned it
     */
    Object execute(String tenant, JsonNode request, String requestedBy, String requestId);
}
