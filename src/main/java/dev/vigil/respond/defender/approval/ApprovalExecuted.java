package dev.vigil.respond.defender.approval;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Published once a held operation has run after its approval, with what it answered (an action, say). */
public record ApprovalExecuted(String tenant, UUID approvalId, String operation, JsonNode result) {}
